using System.CommandLine;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Orchestration.Cli.Client;
using Orchestration.Cli.Runs;
using Orchestration.Core.Lifecycle;

namespace Orchestration.Cli.Commands;

/// <summary>
/// `orch plan edit PROJECT [--plan ID]`: the draft plan's JSON opened in $VISUAL (else $EDITOR), sent back as the edit.
/// The server validates it like a model's answer; when it refuses (422) the errors are shown and, at a terminal, the
/// editor may be opened again on the edited text. Without a terminal the errors go to standard error with exit 1.
/// </summary>
internal static class PlanEditCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Create()
    {
        var id = new Argument<string>("project-id");
        var planId = new Option<string?>("--plan") { Description = "The draft's id or version number (default: the newest draft)." };
        var command = new Command("edit", "Edit the draft plan's JSON in $VISUAL or $EDITOR; the server validates it and computes the forecast again.") { id, planId };
        command.SetClientAction(async (client, parse, output, ct) =>
        {
            var editor = Environment.GetEnvironmentVariable("VISUAL") is { Length: > 0 } visual ? visual
                : Environment.GetEnvironmentVariable("EDITOR") is { Length: > 0 } set ? set
                : throw new CliException("Set $EDITOR (or $VISUAL) to the editor to open the plan in, e.g. EDITOR=nano.");
            var project = Uri.EscapeDataString(parse.GetValue(id)!);
            var draft = parse.GetValue(planId) is { } chosen
                ? await client.GetAsync($"/api/projects/{project}/plans/{Uri.EscapeDataString(chosen)}", ct)
                : (await client.GetAsync($"/api/projects/{project}/plans", ct)).EnumerateArray().FirstOrDefault(p => p.Text("status") == PlanStatusNames.Draft);
            if (draft.ValueKind != JsonValueKind.Object)
            {
                throw new CliException("The project has no draft plan: make one with `orch plan <project-id>` or `orch replan <project-id>`.");
            }
            var original = JsonSerializer.Serialize(draft.GetProperty("plan"), Indented) + "\n";
            var file = Path.Combine(Path.GetTempPath(), $"orch-plan-{draft.Text("plan_id")}-v{draft.Text("version")}.json");
            await File.WriteAllTextAsync(file, original, ct);
            try
            {
                return await EditAsync(client, parse, output, editor, file, original, $"/api/projects/{project}/plans/{draft.Text("plan_id")}", ct);
            }
            finally
            {
                File.Delete(file);
            }
        });
        return command;
    }

    private static async Task<int> EditAsync(
        OrchClient client, ParseResult parse, TextWriter output, string editor, string file, string original, string route, CancellationToken ct)
    {
        var error = parse.InvocationConfiguration.Error;
        // NOTE: only a person at a terminal can be asked to re-open; a script gets the errors and exit 1.
        var interactive = Terminal.Shows(output) && !Console.IsInputRedirected;
        while (true)
        {
            await RunEditorAsync(editor, file, ct);
            var text = await File.ReadAllTextAsync(file, ct);
            if (text == original)
            {
                await output.WriteLineAsync("No change: the plan was not sent.");
                return CliApp.Success;
            }
            IReadOnlyList<string> errors;
            try
            {
                var plan = await client.PatchAsync(route, new { plan = JsonDocument.Parse(text).RootElement }, ct);
                await output.WriteLineAsync($"plan v{plan.Text("version")} ({plan.Text("plan_id")}) saved: {TaskCount(plan.GetProperty("plan"))} tasks, "
                                            + $"forecast {Table.Money(plan.Number("forecast_low_usd"))} – {Table.Money(plan.Number("forecast_high_usd"))}");
                return CliApp.Success;
            }
            catch (JsonException ex)
            {
                errors = [$"not JSON: {ex.Message}"];
            }
            catch (CliException ex) when (ex.Status == HttpStatusCode.UnprocessableEntity)
            {
                errors = ex.Errors.Count > 0 ? ex.Errors : [ex.Message];
            }
            await error.WriteLineAsync("error: the plan was refused:");
            foreach (var line in errors)
            {
                await error.WriteLineAsync("  " + line);
            }
            if (!interactive)
            {
                return CliApp.Failed;
            }
            await output.WriteAsync("Open the editor again? [Y/n] ");
            if ((await Console.In.ReadLineAsync(ct))?.Trim().ToUpperInvariant() is "N" or "NO")
            {
                return CliApp.Failed;
            }
        }
    }

    /// <summary>Runs the editor command (which may carry its own arguments, e.g. "code --wait") on the file and waits.</summary>
    private static async Task RunEditorAsync(string editor, string file, CancellationToken ct)
    {
        var start = OperatingSystem.IsWindows()
            ? new ProcessStartInfo("cmd.exe", ["/c", $"{editor} \"{file}\""])
            : new ProcessStartInfo("/bin/sh", ["-c", editor + " \"$1\"", "sh", file]);
        using var process = Process.Start(start) ?? throw new CliException($"Cannot start the editor {editor}.");
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            throw new CliException($"The editor {editor} exited with {process.ExitCode}: the plan was not sent.");
        }
    }

    private static int TaskCount(JsonElement plan) =>
        plan.TryGetProperty("tasks", out var tasks) && tasks.ValueKind == JsonValueKind.Array ? tasks.GetArrayLength()
        : plan.TryGetProperty("phases", out var phases) && phases.ValueKind == JsonValueKind.Array
            ? phases.EnumerateArray().Sum(p => p.TryGetProperty("tasks", out var t) && t.ValueKind == JsonValueKind.Array ? t.GetArrayLength() : 0)
            : 0;
}
