using Orchestration.Cli.Runs;
using Orchestration.Server.Tests.Infrastructure;
using Orchestration.Server.Tests.Plans;
using Spectre.Console.Testing;

namespace Orchestration.Server.Tests.Cli;

/// <summary>The live view of `orch run` / `orch watch`, drawn into Spectre's captured terminal.</summary>
[Collection(nameof(CliTests))]
public sealed class CliLiveViewTests(CliRunFixture run)
{
    [Fact]
    public void The_view_shows_tasks_by_wave_a_done_bar_and_spend_against_forecast()
    {
        var board = new RunBoard
        {
            Name = "greeting", Status = "executing", ForecastLowUsd = 0.01, ForecastHighUsd = 0.05, Simulated = true,
            Tasks =
            [
                new BoardTask("t1", 0, "Write hello_world.py", "completed", "haiku", 0.0012),
                new BoardTask("t2", 0, "Pick the colour", "needs_review", "sonnet", 0.003),
                new BoardTask("t3", 1, "Review the greeting", "pending", "sonnet", 0),
            ],
        };
        board.AddEvent("12:00:00 task_complete          Task 'Write hello_world.py' completed");
        using var console = new TestConsole().Width(120);

        console.Write(RunView.Render(board));

        var lines = console.Lines.Where(l => l.Trim().Length > 0).ToList();
        Assert.Equal("greeting  executing", lines[0].TrimEnd());
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"│ 0\s+│ completed\s+│ haiku\s+│ \$0\.0012 │ Write hello_world\.py"));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"│\s+│ needs_review │ sonnet\s+│ \$0\.0030 │ Pick the colour"));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"│ 1\s+│ pending\s+│ sonnet\s+│ \$0\.0000 │ Review the greeting"));
        Assert.Contains(lines, l => l.TrimEnd() == new string('█', 10) + new string('░', 20) + " 1/3 done");
        Assert.Contains(lines, l => l.TrimEnd() == "spent $0.0042 of forecast $0.0100 – $0.0500 [simulated]");
        Assert.Equal("12:00:00 task_complete          Task 'Write hello_world.py' completed", lines[^1].TrimEnd());
    }

    [Fact]
    public void Task_events_move_their_task_on_the_board_with_the_cost_they_report()
    {
        var board = new RunBoard { Tasks = [new BoardTask("t1", 0, "Write", "queued", "haiku", 0), new BoardTask("t2", 0, "Pick", "queued", "haiku", 0)] };

        board.Apply("task_start", System.Text.Json.JsonDocument.Parse("""{"task_id":"t1"}""").RootElement);
        board.Apply("task_complete", System.Text.Json.JsonDocument.Parse("""{"task_id":"t2","cost_usd":0.25}""").RootElement);
        board.Apply("tool_call", System.Text.Json.JsonDocument.Parse("""{"task_id":"t1"}""").RootElement);

        Assert.Equal(("running", 0.0), (board.Tasks[0].Status, board.Tasks[0].CostUsd));
        Assert.Equal(("completed", 0.25), (board.Tasks[1].Status, board.Tasks[1].CostUsd));
        Assert.Equal(1, board.Done);
        Assert.Equal(0.25, board.SpentUsd);
    }

    [Fact]
    public async Task Run_on_a_terminal_draws_the_live_view_and_plain_prints_event_lines()
    {
        var projectId = await PlanningApp.CreateProjectAsync(run.User.Client, "[R1] Write hello_world.py that prints a greeting.", "L1");
        var planned = await PlanningApp.PlannedAsync(run.User.Client, projectId);
        await (await PlanningApp.ApproveAsync(run.User.Client, projectId, planned.GetProperty("plan_id").GetString()!)).ReadJsonAsync();
        using var terminal = new TestConsole().Width(140).Interactive();

        var result = (await CliRunner.RunInTerminalAsync(terminal, run.App.BaseAddress, run.Home, "run", projectId)).Succeeded();

        var drawn = terminal.Output;
        var tasks = (await run.GetAsync($"/api/tasks/project/{projectId}")).EnumerateArray().ToList();
        Assert.All(tasks, t => Assert.Contains(t.GetProperty("title").GetString()!, drawn, StringComparison.Ordinal));
        Assert.Contains($"{tasks.Count}/{tasks.Count} done", drawn, StringComparison.Ordinal);
        Assert.Matches(@"spent \$\d+\.\d{4} of forecast \$\d+\.\d{4} – \$\d+\.\d{4} \[simulated\]", drawn);
        Assert.Contains("completed: ", result.Output, StringComparison.Ordinal);

        using var plainTerminal = new TestConsole().Width(140).Interactive();
        var plain = (await CliRunner.RunInTerminalAsync(plainTerminal, run.App.BaseAddress, run.Home, "watch", projectId, "--plain")).Succeeded();
        Assert.Equal("", plainTerminal.Output);
        Assert.StartsWith("completed: ", plain.Output, StringComparison.Ordinal);
    }
}
