using System.Text.Json;
using Dapper;
using Orchestration.Server.Tests.Infrastructure;
using Orchestration.Server.Tests.Notifications;
using Orchestration.Server.Tests.Plans;

namespace Orchestration.Server.Tests.Spend;

/// <summary>Forecast accuracy over runs planned, approved and executed on the real host (simulated provider).</summary>
public sealed class ForecastAccuracyApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_finished_run_is_measured_against_its_forecast_and_its_tasks_become_calibration_history()
    {
        await using var app = await OrchestrationApp.StartAsync();
        var admin = await app.CreateUserAsync();
        var alice = await app.CreateUserAsync();
        var before = await (await alice.Client.GetAsync("/api/usage/forecast-accuracy", Ct)).ReadJsonAsync();
        Assert.Equal((0, JsonValueKind.Null), (before.GetProperty("runs").GetInt32(), before.GetProperty("inside_share").ValueKind));

        var project = await PlanningApp.CreateProjectAsync(alice.Client, "Write hello.py that prints a greeting.\n\nWrite RUN.md with the steps to run it.");
        var plan = await PlanningApp.PlannedAsync(alice.Client, project);
        var forecast = plan.GetProperty("forecast");
        await (await PlanningApp.ApproveAsync(alice.Client, project, plan.GetProperty("plan_id").GetString()!)).ReadJsonAsync();
        await NotificationRuns.ExecuteUntilAsync(alice.Client, project, "project_complete");

        var mine = await (await alice.Client.GetAsync("/api/usage/forecast-accuracy", Ct)).ReadJsonAsync();
        Assert.Equal(1, mine.GetProperty("runs").GetInt32());
        await using var c = await app.OpenDatabaseAsync(Ct);
        var spent = await c.ExecuteScalarAsync<long>(
            "SELECT COALESCE(SUM(cost_nanos), 0) FROM usage_records WHERE project_id = @project AND purpose <> 'planning'", new { project });
        var actual = spent / 1e9;
        var (low, high) = (forecast.GetProperty("total_usd_low").GetDouble(), forecast.GetProperty("total_usd_high").GetDouble());
        var expected = actual < low ? "below" : actual > high ? "above" : "inside";
        Assert.Equal(1, mine.GetProperty(expected).GetInt32());
        Assert.Equal(expected == "inside" ? 1.0 : 0.0, mine.GetProperty("inside_share").GetDouble());
        var run = Assert.Single(mine.GetProperty("recent_runs").EnumerateArray());
        Assert.Equal((project, expected), (run.GetProperty("project_id").GetString(), run.GetProperty("outcome").GetString()));
        Assert.False(string.IsNullOrEmpty(run.GetProperty("project_name").GetString()));
        Assert.Equal((low, high), (run.GetProperty("forecast_low_usd").GetDouble(), run.GetProperty("forecast_high_usd").GetDouble()));
        Assert.Equal(actual, run.GetProperty("actual_usd").GetDouble(), 9);
        var tasks = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM tasks WHERE project_id = @project AND status = 'completed'", new { project });
        Assert.Equal(tasks, mine.GetProperty("calibration").GetProperty("samples").GetInt32());
        Assert.Equal(5, mine.GetProperty("calibration").GetProperty("min_samples").GetInt32());

        var everyone = await (await admin.Client.GetAsync("/api/usage/forecast-accuracy", Ct)).ReadJsonAsync();
        Assert.Equal(1, everyone.GetProperty("runs").GetInt32());
        var other = await app.CreateUserAsync();
        var others = await (await other.Client.GetAsync("/api/usage/forecast-accuracy", Ct)).ReadJsonAsync();
        Assert.Equal((0, 0), (others.GetProperty("runs").GetInt32(), others.GetProperty("recent_runs").GetArrayLength()));
    }
}
