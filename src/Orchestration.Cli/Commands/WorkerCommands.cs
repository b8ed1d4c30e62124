using System.CommandLine;
using System.Globalization;
using Orchestration.Cli.Client;

namespace Orchestration.Cli.Commands;

/// <summary>`orch task claim|submit|release`: work on a task yourself, in a project whose execution_mode is hybrid or
/// external (README, External workers).</summary>
internal static class WorkerCommands
{
    public static IEnumerable<Command> Create() => [Claim(), Submit(), Release()];

    private static Command Claim()
    {
        var id = new Argument<string>("task-id");
        var command = new Command("claim", "Claim a ready task of a hybrid or external project and print its prompt (the attempt number is needed to submit).") { id };
        command.SetClientAction(async (client, parse, output, ct) =>
        {
            var claim = await client.PostAsync($"/api/tasks/{Uri.EscapeDataString(parse.GetValue(id)!)}/claim", null, ct);
            var task = claim.GetProperty("task");
            var until = DateTimeOffset.FromUnixTimeSeconds((long)claim.Number("lease_expires_at")).ToString("u", CultureInfo.InvariantCulture);
            await output.WriteLineAsync($"Claimed '{task.Text("title")}' (attempt {claim.Text("attempt")}) until {until}.");
            await output.WriteLineAsync($"Submit with: orch task submit {task.Text("id")} --attempt {claim.Text("attempt")} --file <output file>");
            await output.WriteLineAsync();
            await output.WriteLineAsync("=== system");
            await output.WriteLineAsync(claim.GetProperty("prompt").Text("system"));
            await output.WriteLineAsync();
            await output.WriteLineAsync("=== task");
            await output.WriteLineAsync(claim.GetProperty("prompt").Text("task"));
        });
        return command;
    }

    private static Command Submit()
    {
        var id = new Argument<string>("task-id");
        var attempt = new Option<long>("--attempt") { Description = "The attempt number the claim printed.", Required = true };
        var text = new Option<string?>("--output") { Description = "The task's result as text." };
        var file = new Option<FileInfo?>("--file") { Description = "A file holding the task's result ('-' is not accepted; use --output for short text)." };
        var command = new Command("submit", "Submit the result of a task you claimed; it completes and its dependants become ready.") { id, attempt, text, file };
        command.SetClientAction(async (client, parse, output, ct) =>
        {
            var result = (parse.GetValue(text), parse.GetValue(file)) switch
            {
                ({ } inline, null) => inline,
                (null, { } path) when path.Exists => await File.ReadAllTextAsync(path.FullName, ct),
                (null, { } path) => throw new CliException($"The file '{path.FullName}' does not exist."),
                _ => throw new CliException("Give the result with exactly one of --output or --file."),
            };
            var task = await client.PostAsync($"/api/tasks/{Uri.EscapeDataString(parse.GetValue(id)!)}/submit",
                new { attempt = parse.GetValue(attempt), output = result }, ct);
            await output.WriteLineAsync($"{task.Text("title")}: {task.Text("status")}");
        });
        return command;
    }

    private static Command Release()
    {
        var id = new Argument<string>("task-id");
        var attempt = new Option<long>("--attempt") { Description = "The attempt number the claim printed.", Required = true };
        var command = new Command("release", "Give back a task you claimed, so that someone else (or the executor, in hybrid mode) runs it.") { id, attempt };
        command.SetClientAction(async (client, parse, output, ct) =>
        {
            var task = await client.PostAsync($"/api/tasks/{Uri.EscapeDataString(parse.GetValue(id)!)}/release",
                new { attempt = parse.GetValue(attempt) }, ct);
            await output.WriteLineAsync($"{task.Text("title")}: {task.Text("status")}");
        });
        return command;
    }
}
