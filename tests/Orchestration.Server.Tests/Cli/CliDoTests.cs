using System.Text.Json;

namespace Orchestration.Server.Tests.Cli;

/// <summary>`orch do`: create, plan, approve and run in one command, offline against the real server (simulated provider).</summary>
[Collection(nameof(CliTests))]
public sealed class CliDoTests(CliRunFixture run)
{
    [Fact]
    public async Task Do_yes_json_runs_a_sentence_to_completion_and_prints_one_json_document()
    {
        var result = (await run.RunAsync("do", "Write a CLI that converts CSV to JSON", "--yes", "--json", "--budget", "2.5")).Succeeded();

        Assert.Equal("", result.Error);
        var document = JsonDocument.Parse(result.Output).RootElement;
        var projectId = document.GetProperty("project_id").GetString()!;
        Assert.Equal("completed", document.GetProperty("status").GetString());
        Assert.Equal(0, document.GetProperty("exit_code").GetInt32());
        Assert.True(document.GetProperty("simulated").GetBoolean());
        var tasks = document.GetProperty("tasks").EnumerateArray().ToList();
        Assert.NotEmpty(tasks);
        Assert.All(tasks, t => Assert.Equal("completed", t.GetProperty("status").GetString()));
        Assert.Equal(tasks.Sum(t => t.GetProperty("cost_usd").GetDouble()), document.GetProperty("spent_usd").GetDouble(), 6);
        Assert.True(document.GetProperty("forecast_high_usd").GetDouble() >= document.GetProperty("forecast_low_usd").GetDouble());
        Assert.Equal($"/api/projects/{projectId}/export", document.GetProperty("outputs").GetProperty("export").GetString());

        var project = await run.GetAsync($"/api/projects/{projectId}");
        Assert.Equal("Write a CLI that converts CSV to JSON", project.GetProperty("name").GetString());
        Assert.Equal("L1", project.GetProperty("planning_rigor").GetString());
        Assert.Equal(2.5, project.GetProperty("config").GetProperty("budget").GetProperty("per_project_limit_usd").GetDouble());
        var plans = (await run.GetAsync($"/api/projects/{projectId}/plans")).EnumerateArray();
        Assert.Equal(document.GetProperty("plan_id").GetString(), Assert.Single(plans).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Do_yes_plain_shows_the_plan_the_events_the_spend_and_where_the_outputs_are()
    {
        var result = (await run.RunAsync("do", "Write hello_world.py that prints a greeting.", "--yes", "--plain", "--rigor", "L2")).Succeeded();

        var lines = result.Output.TrimEnd().Split('\n');
        Assert.Matches("^project [0-9a-f]{32}: planning \\(L2\\)\\.\\.\\.$", lines[0]);
        Assert.StartsWith("plan v1 (", lines[1], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("forecast: ", StringComparison.Ordinal));
        Assert.Matches(@"^completed: (\d+)/\1 tasks done, spent \$\d+\.\d{4} \[simulated\]$", lines[^2]);
        Assert.StartsWith("outputs: `orch tasks ", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Do_with_a_budget_too_small_to_plan_is_refused_in_one_line_saying_how_to_go_on()
    {
        var result = await run.RunAsync("do", "Write a CLI that converts CSV to JSON", "--yes", "--budget", "0.000001");

        result.Failed("402", "was created but not planned: `orch plan ", "` when the budget allows.");
        Assert.Single(result.Error.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task Do_refuses_a_bad_rigor_or_budget_as_usage_errors()
    {
        var rigor = await run.RunAsync("do", "Say hello.", "--yes", "--rigor", "L4");
        Assert.Equal(2, rigor.Exit);
        Assert.Contains("L4", rigor.Error.Split('\n')[0], StringComparison.Ordinal);

        var budget = await run.RunAsync("do", "Say hello.", "--yes", "--budget", "-1");
        Assert.Equal(2, budget.Exit);
        Assert.StartsWith("error: --budget must be a positive amount of USD", budget.Error, StringComparison.Ordinal);
    }
}
