using System.CommandLine;

namespace Orchestration.Cli.Commands;

/// <summary>`orch coverage PROJECT [--json]`: which requirements the current plan (approved, else the newest draft) covers.</summary>
internal static class CoverageCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("project-id");
        var json = JsonOutput.Option();
        var command = new Command("coverage", "Show which requirements the current plan covers, by which tasks, and which are done.") { id, json };
        command.SetClientAction(async (client, parse, output, ct) =>
        {
            var coverage = await client.GetAsync($"/api/projects/{Uri.EscapeDataString(parse.GetValue(id)!)}/coverage", ct);
            await parse.WriteAsync(json, output, coverage, async () =>
            {
                await output.WriteLineAsync($"plan {coverage.Text("plan_id")} ({coverage.Text("plan_status")}): {coverage.Text("covered_count")} of "
                                            + $"{coverage.Text("total_requirements")} requirements covered; uncovered: {coverage.List("uncovered_ids")}");
                Table.Write(output, ["REQ", "COVERED", "DONE", "TASKS", "TEXT"], coverage.GetProperty("requirements").EnumerateArray().Select(r => (IReadOnlyList<string>)
                    [r.Text("id"), r.Text("covered"), r.Text("completed"), r.List("task_indexes").Replace(" ", "", StringComparison.Ordinal), r.Text("text")]),
                    fullLastColumn: true);
            });
        });
        return command;
    }
}
