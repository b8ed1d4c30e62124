using System.CommandLine;
using System.Text.Json;
using Orchestration.Cli.Client;

namespace Orchestration.Cli.Commands;

/// <summary>`orch replan PROJECT` (a new plan for the unfinished work of a running project, as a draft to approve or
/// reject) and `orch plan reject PROJECT PLAN`.</summary>
internal static class ReplanCommands
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Replan()
    {
        var id = new Argument<string>("project-id");
        var changes = new Option<string?>("--changes") { Description = "New or changed requirements." };
        var changesFile = new Option<FileInfo?>("--changes-file") { Description = "Read the changes from a file ('-' for standard input)." };
        var instructions = new Option<string?>("--instructions") { Description = "Guidance for the planner." };
        var json = new Option<bool>("--json") { Description = "Print the draft as the API's JSON." };
        var command = new Command("replan",
            "Re-plan a running, paused or failed project: completed and running tasks are kept, only the unfinished work is planned again. "
            + "New tasks wait until the draft is approved or rejected.") { id, changes, changesFile, instructions, json };
        command.SetClientAction(async (client, parse, output, ct) =>
        {
            var project = parse.GetValue(id)!;
            var text = parse.GetValue(changes);
            if (parse.GetValue(changesFile) is { } file)
            {
                if (text is not null)
                {
                    throw new CliException("Give the changes with --changes or --changes-file, not both.");
                }
                text = file.Name == "-" ? await Console.In.ReadToEndAsync(ct) : await ReadAsync(file, ct);
            }
            var body = new Dictionary<string, string>();
            if (!string.IsNullOrWhiteSpace(text))
            {
                body["changes"] = text.Trim();
            }
            if (parse.GetValue(instructions) is { } guidance && !string.IsNullOrWhiteSpace(guidance))
            {
                body["instructions"] = guidance.Trim();
            }
            var draft = await client.PostAsync($"/api/projects/{Uri.EscapeDataString(project)}/replan", body, ct);
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(draft, Indented));
                return;
            }
            await WriteDraftAsync(output, project, draft);
        });
        return command;
    }

    public static Command Reject()
    {
        var id = new Argument<string>("project-id");
        var planId = new Argument<string>("plan-id") { Description = "The re-plan draft to reject." };
        var command = new Command("reject", "Reject a re-plan draft: the run goes on with its plan as it was.") { id, planId };
        command.SetClientAction(async (client, parse, output, ct) =>
        {
            var plan = await client.PostAsync(
                $"/api/projects/{Uri.EscapeDataString(parse.GetValue(id)!)}/plans/{Uri.EscapeDataString(parse.GetValue(planId)!)}/reject", null, ct);
            await output.WriteLineAsync($"rejected plan v{plan.Text("version")} ({plan.Text("id")}); the run goes on with its plan as it was");
        });
        return command;
    }

    private static async Task WriteDraftAsync(TextWriter output, string project, JsonElement draft)
    {
        var planId = draft.Text("id");
        await output.WriteLineAsync($"re-plan draft v{draft.Text("version")} ({planId}) of running plan {draft.Text("replan_of")}, "
            + $"by {draft.Text("model_used")}, cost {Table.Money(draft.Number("cost_usd"))}");
        if (draft.TryGetProperty("plan", out var plan))
        {
            await output.WriteLineAsync(plan.Text("summary"));
        }
        var kept = draft.TryGetProperty("kept_task_ids", out var ids) && ids.ValueKind == JsonValueKind.Array ? ids.GetArrayLength() : 0;
        await output.WriteLineAsync($"kept as they are: {kept} task{(kept == 1 ? "" : "s")} (completed, running or waiting for review)");
        if (draft.TryGetProperty("diff", out var diff) && diff.ValueKind == JsonValueKind.Object)
        {
            await output.WriteLineAsync();
            await PlanDiffText.WriteAsync(output, diff);
            await output.WriteLineAsync();
        }
        if (draft.TryGetProperty("forecast", out var forecast))
        {
            await output.WriteLineAsync($"remaining work forecast: {Table.Money(forecast.Number("total_usd_low"))} – {Table.Money(forecast.Number("total_usd_high"))}");
        }
        await output.WriteLineAsync("running tasks finish; new tasks wait for your decision:");
        await output.WriteLineAsync($"  orch approve {project} --plan {planId}    (add --force if a budget cap refuses it)");
        await output.WriteLineAsync($"  orch plan reject {project} {planId}");
    }

    private static async Task<string> ReadAsync(FileInfo file, CancellationToken ct)
    {
        try
        {
            return await File.ReadAllTextAsync(file.FullName, ct);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"Cannot read {file.FullName}: {ex.Message}");
        }
    }
}
