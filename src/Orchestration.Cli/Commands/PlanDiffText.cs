using System.Globalization;
using System.Text.Json;

namespace Orchestration.Cli.Commands;

/// <summary>A plan diff (GET /plans/{a}/diff/{b}) as lines to read: + added, - removed, ~ changed with old → new.</summary>
internal static class PlanDiffText
{
    public static async Task WriteAsync(TextWriter output, JsonElement diff)
    {
        var (from, to) = (diff.GetProperty("from"), diff.GetProperty("to"));
        await output.WriteLineAsync($"plan v{from.Text("version")} ({from.Text("status")}) → v{to.Text("version")} ({to.Text("status")})");
        if (diff.GetProperty("identical").GetBoolean())
        {
            await output.WriteLineAsync("no task changes");
        }
        if (diff.TryGetProperty("summary", out var summary) && summary.ValueKind == JsonValueKind.Object)
        {
            await output.WriteLineAsync($"summary: {Value(summary.GetProperty("before"))} → {Value(summary.GetProperty("after"))}");
        }
        var tasks = diff.GetProperty("tasks");
        foreach (var t in tasks.GetProperty("added").EnumerateArray())
        {
            await output.WriteLineAsync($"+ [{t.Text("index")}] {t.Text("title")} ({t.Text("task_type")}, {t.Text("complexity")}){Needs(t)}");
        }
        foreach (var t in tasks.GetProperty("removed").EnumerateArray())
        {
            await output.WriteLineAsync($"- [{t.Text("index")}] {t.Text("title")}");
        }
        foreach (var c in tasks.GetProperty("changed").EnumerateArray())
        {
            var moved = c.Text("before_index") == c.Text("after_index") ? c.Text("after_index") : $"{c.Text("before_index")}→{c.Text("after_index")}";
            await output.WriteLineAsync($"~ [{moved}] {c.Text("title")}{(c.Text("matched_by") == "title" ? "" : " (renamed; matched by description)")}");
            foreach (var f in c.GetProperty("changes").EnumerateArray())
            {
                await output.WriteLineAsync($"    {f.Text("field")}: {Value(f.GetProperty("before"))} → {Value(f.GetProperty("after"))}");
            }
            foreach (var d in c.GetProperty("dependencies_added").EnumerateArray())
            {
                await output.WriteLineAsync($"    + depends on {d.GetString()}");
            }
            foreach (var d in c.GetProperty("dependencies_removed").EnumerateArray())
            {
                await output.WriteLineAsync($"    - depends on {d.GetString()}");
            }
        }
        await output.WriteLineAsync($"unchanged tasks: {tasks.Text("unchanged_count")}");
        await WriteCoverageAsync(output, diff.GetProperty("coverage"));
        await WriteForecastAsync(output, diff.GetProperty("forecast"));
    }

    private static async Task WriteCoverageAsync(TextWriter output, JsonElement coverage)
    {
        var (b, a) = (coverage.GetProperty("before"), coverage.GetProperty("after"));
        var line = $"coverage: {b.Text("covered_count")}/{b.Text("total_requirements")} → {a.Text("covered_count")}/{a.Text("total_requirements")} requirements covered";
        var gained = Ids(coverage, "newly_covered");
        var lost = Ids(coverage, "newly_uncovered");
        await output.WriteLineAsync(line + (gained.Length > 0 ? $"; newly covered {gained}" : "") + (lost.Length > 0 ? $"; newly uncovered {lost}" : ""));
    }

    private static async Task WriteForecastAsync(TextWriter output, JsonElement forecast)
    {
        static string Range(JsonElement f) =>
            $"{Usd(f, "total_usd_low")} – {Usd(f, "total_usd_high")} (expected {Usd(f, "total_usd_expected")})";
        var delta = forecast.GetProperty("delta").GetProperty("total_usd_high").GetDouble();
        await output.WriteLineAsync($"forecast: {Range(forecast.GetProperty("before"))} → {Range(forecast.GetProperty("after"))}; high "
            + (delta >= 0 ? "+" : "-") + Table.Money(Math.Abs(delta)));
        var (b, a) = (forecast.GetProperty("before"), forecast.GetProperty("after"));
        await output.WriteLineAsync($"tokens (high): {b.Text("prompt_tokens_high")} prompt + {b.Text("completion_tokens_high")} completion → "
            + $"{a.Text("prompt_tokens_high")} + {a.Text("completion_tokens_high")}");
    }

    private static string Usd(JsonElement e, string name) => Table.Money(e.GetProperty(name).GetDouble());

    private static string Ids(JsonElement e, string name) => string.Join(", ", e.GetProperty(name).EnumerateArray().Select(i => i.GetString()));

    private static string Needs(JsonElement t) =>
        t.GetProperty("depends_on").GetArrayLength() == 0 ? "" : "; needs " + string.Join(", ", t.GetProperty("depends_on").EnumerateArray().Select(d => d.GetString()));

    private static string Value(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Null => "(none)",
        JsonValueKind.String => '"' + v.GetString() + '"',
        JsonValueKind.Array => "[" + string.Join(", ", v.EnumerateArray().Select(Value)) + "]",
        JsonValueKind.Number => v.GetDouble().ToString(CultureInfo.InvariantCulture),
        _ => v.GetRawText(),
    };
}
