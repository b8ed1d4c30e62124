using System.CommandLine;
using System.Text.Json;
using Orchestration.Cli.Client;

namespace Orchestration.Cli.Commands;

/// <summary>`orch checkpoints` and `orch checkpoint` (show, resolve): the questions a run asks a person.</summary>
internal static class CheckpointCommands
{
    public static IEnumerable<Command> Create() => [List(), Checkpoint()];

    private static Command List()
    {
        var id = new Argument<string>("project-id");
        var all = new Option<bool>("--all") { Description = "Include resolved checkpoints (default: open ones only)." };
        var json = JsonOutput.Option();
        var command = new Command("checkpoints", "List a project's open checkpoints (with --all, resolved ones too).") { id, all, json };
        command.SetClientAction(async (client, parse, output, ct) =>
        {
            var resolved = parse.GetValue(all) ? "true" : "false";
            var checkpoints = await client.GetAsync($"/api/checkpoints/project/{Uri.EscapeDataString(parse.GetValue(id)!)}?resolved={resolved}", ct);
            await parse.WriteAsync(json, output, checkpoints, () => Table.Write(output, ["ID", "TYPE", "TASK", "CREATED", "STATE", "QUESTION"],
                checkpoints.EnumerateArray().Select(c => (IReadOnlyList<string>)
                [
                    c.Text("id"), c.Text("checkpoint_type"), c.Text("task_title"), c.Time("created_at"), State(c), c.Text("question"),
                ]), fullLastColumn: true));
        });
        return command;
    }

    private static Command Checkpoint()
    {
        var id = new Argument<string>("checkpoint-id");
        var command = new Command("checkpoint", "Show a checkpoint: what happened on each attempt, the errors and the question.") { id };
        command.SetClientAction(async (client, parse, output, ct) =>
            await WriteAsync(output, await client.GetAsync($"/api/checkpoints/{Uri.EscapeDataString(parse.GetValue(id)!)}", ct)));
        command.Subcommands.Add(Resolve());
        return command;
    }

    private static Command Resolve()
    {
        var id = new Argument<string>("checkpoint-id");
        var action = new Argument<string>("action") { Description = "retry (run the task again), skip (go on without it) or fail (fail the task and the project)." };
        action.AcceptOnlyFromAmong("retry", "skip", "fail");
        var guidance = new Option<string?>("--guidance") { Description = "Advice for the retried attempt." };
        var gotcha = new Option<string?>("--gotcha") { Description = "A lesson to keep as project knowledge for later tasks." };
        var command = new Command("resolve", "Resolve a checkpoint with retry, skip or fail.") { id, action, guidance, gotcha };
        command.SetClientAction(async (client, parse, output, ct) =>
        {
            var checkpoint = await client.PostAsync($"/api/checkpoints/{Uri.EscapeDataString(parse.GetValue(id)!)}/resolve",
                new { action = parse.GetValue(action), guidance = parse.GetValue(guidance), gotcha = parse.GetValue(gotcha) }, ct);
            await output.WriteLineAsync($"resolved: {checkpoint.Text("resolution")} ({checkpoint.Text("task_title")})");
        });
        return command;
    }

    private static async Task WriteAsync(TextWriter output, JsonElement c)
    {
        await output.WriteLineAsync($"{c.Text("checkpoint_type")} on '{c.Text("task_title")}'  [{State(c)}]");
        await output.WriteLineAsync($"{"id:",-10}{c.Text("id")}");
        await output.WriteLineAsync($"{"task:",-10}{c.Text("task_id")}");
        await output.WriteLineAsync($"{"created:",-10}{c.Time("created_at")}");
        await output.WriteLineAsync($"{"summary:",-10}{c.Text("summary")}");
        foreach (var attempt in Items(c, "attempts"))
        {
            await output.WriteLineAsync($"{"attempt:",-10}{attempt.Time("timestamp")}  {attempt.Text("message")}");
        }
        foreach (var error in Items(c, "errors"))
        {
            await output.WriteLineAsync($"{"error:",-10}{error.GetString()}");
        }
        await output.WriteLineAsync($"{"question:",-10}{c.Text("question")}");
        if (c.GetPropertyOrDefault("response") is { Length: > 0 } response)
        {
            await output.WriteLineAsync($"{"response:",-10}{response}");
        }
    }

    private static string State(JsonElement c) =>
        c.TryGetProperty("resolved_at", out var at) && at.ValueKind == JsonValueKind.Number ? "resolved: " + c.Text("resolution") : "open";

    private static IEnumerable<JsonElement> Items(JsonElement c, string name) =>
        c.TryGetProperty(name, out var items) && items.ValueKind == JsonValueKind.Array ? items.EnumerateArray() : [];
}
