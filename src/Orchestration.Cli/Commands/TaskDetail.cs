using System.Globalization;
using System.Text.Json;

namespace Orchestration.Cli.Commands;

/// <summary>`orch task &lt;id&gt;`: one task as labelled lines, then its feedback and output in full.</summary>
internal static class TaskDetail
{
    public static async Task WriteAsync(TextWriter output, JsonElement t)
    {
        var flags = string.Concat(Flag(t, "skipped"), Flag(t, "partial"));
        await output.WriteLineAsync($"#{t.Text("task_index")} {t.Text("title")}  [{t.Text("status")}{flags}]");
        await Line(output, "id", t.Text("id"));
        await Line(output, "project", t.Text("project_id"));
        await Line(output, "type", $"{t.Text("task_type")}, {t.Text("complexity")}; wave {t.Text("wave")}, phase {t.Text("phase")}, priority {t.Text("priority")}");
        await Line(output, "model", $"{t.Text("model_tier")} tier, {t.Text("model_used")}");
        await Line(output, "cost", $"{Table.Money(t.Number("cost_usd"))} ({t.Text("prompt_tokens")} prompt + {t.Text("completion_tokens")} completion tokens)");
        await Line(output, "retries", t.Text("retry_count"));
        await Line(output, "depends on", t.List("depends_on"));
        await Line(output, "requirements", t.List("requirement_ids"));
        await Line(output, "tools", t.List("tools"));
        await Line(output, "started", t.Time("started_at"));
        await Line(output, "completed", t.Time("completed_at"));
        await Line(output, "verification", t.Text("verification_status"));
        if (t.GetPropertyOrDefault("verification_notes") is { Length: > 0 } notes)
        {
            await Line(output, "notes", notes);
        }
        await Line(output, "error", t.Text("error"));
        await Line(output, "artifacts", Artifacts(t));
        if (t.TryGetProperty("feedback", out var feedback) && feedback.ValueKind == JsonValueKind.Array)
        {
            foreach (var f in feedback.EnumerateArray())
            {
                await Line(output, "feedback", $"[{f.Text("source")}] {f.Text("text")}");
            }
        }
        await output.WriteLineAsync();
        await output.WriteLineAsync("output:");
        await output.WriteLineAsync(t.GetPropertyOrDefault("output_text") is { Length: > 0 } text ? text : "(none yet)");
    }

    private static Task Line(TextWriter output, string label, string value) => output.WriteLineAsync($"{label + ":",-14}{value}");

    private static string Flag(JsonElement t, string name) =>
        t.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True ? ", " + name : "";

    private static string Artifacts(JsonElement t) =>
        t.TryGetProperty("output_artifacts", out var items) && items.ValueKind == JsonValueKind.Array && items.GetArrayLength() > 0
            ? string.Join(", ", items.EnumerateArray().Select(a => a.ValueKind == JsonValueKind.Object && a.TryGetProperty("bytes", out var b)
                && b.ValueKind == JsonValueKind.Number
                ? $"{a.Text("path")} ({b.GetInt64().ToString(CultureInfo.InvariantCulture)} bytes)"
                : a.ValueKind == JsonValueKind.Object ? a.Text("path") : a.GetRawText()))
            : "-";
}
