using System.CommandLine;

namespace Orchestration.Cli.Commands;

/// <summary>`orch tasks retry ID...` and `orch tasks cancel ID...`: one action on up to 100 tasks at once. One refusal
/// does not stop the others; the exit code is 1 when any was refused.</summary>
internal static class TaskBulkCommands
{
    public static IEnumerable<Command> Create() =>
    [
        Bulk("retry", "Run failed or cancelled tasks again."),
        Bulk("cancel", "Cancel tasks that have not finished; their dependants become blocked."),
    ];

    private static Command Bulk(string action, string description)
    {
        var ids = new Argument<string[]>("task-ids") { Arity = new ArgumentArity(1, 100), Description = "The tasks (1–100 ids)." };
        var json = JsonOutput.Option();
        var command = new Command(action, description) { ids, json };
        command.SetClientAction(async (client, parse, output, ct) =>
        {
            var result = await client.PostAsync("/api/tasks/bulk", new { task_ids = parse.GetValue(ids), action }, ct);
            var failed = result.GetProperty("failed").EnumerateArray().ToList();
            await parse.WriteAsync(json, output, result, () => Table.Write(output, ["ID", "RESULT"],
                result.GetProperty("succeeded").EnumerateArray().Select(s => (IReadOnlyList<string>)[s.GetString()!, "ok"])
                    .Concat(failed.Select(f => (IReadOnlyList<string>)[f.Text("id"), f.Text("reason")])), fullLastColumn: true));
            return failed.Count == 0 ? CliApp.Success : CliApp.Failed;
        });
        return command;
    }
}
