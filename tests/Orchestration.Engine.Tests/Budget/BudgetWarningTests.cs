using Orchestration.Engine.Models;

namespace Orchestration.Engine.Tests.Budget;

/// <summary>budget_warning events: warn once per project and cap at warn_at_pct, exhausted once per cap period.</summary>
public sealed class BudgetWarningTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Crossing_warn_at_pct_of_a_cap_warns_the_project_once()
    {
        await using var h = await LedgerHarness.CreateAsync(daily: 100m, monthly: 100m, perProject: 1m);
        var user = await h.CreateUserAsync();
        var project = await h.CreateProjectAsync(user);

        await BudgetLedgerTests.SpendAsync(h, user, project, 0.79m);
        Assert.Empty(h.Events.Events);
        await BudgetLedgerTests.SpendAsync(h, user, project, 0.01m);
        await BudgetLedgerTests.SpendAsync(h, user, project, 0.05m);

        var warning = Assert.Single(h.Events.Events);
        Assert.Equal(project, warning.ProjectId);
        Assert.Equal("budget_warning", warning.Type);
        Assert.Equal("Project budget 80% used: $0.80 of $1.00 spent on this project.", warning.Message);
        Assert.Equal("warn", warning.Data!["level"]);
        Assert.Equal("project", warning.Data["scope"]);
        Assert.Equal(0.8, warning.Data["cost_usd"]);
        Assert.Equal(1.0, warning.Data["limit_usd"]);
    }

    [Fact]
    public async Task The_daily_warning_comes_again_the_next_day_and_to_each_project()
    {
        await using var h = await LedgerHarness.CreateAsync(daily: 1m, monthly: 100m, perProject: 100m);
        var user = await h.CreateUserAsync();
        var first = await h.CreateProjectAsync(user, "A");
        var second = await h.CreateProjectAsync(user, "B");

        await BudgetLedgerTests.SpendAsync(h, user, first, 0.85m);
        await BudgetLedgerTests.SpendAsync(h, user, first, 0.01m);
        await BudgetLedgerTests.SpendAsync(h, user, second, 0.01m);
        h.Time.Advance(TimeSpan.FromDays(1));
        await BudgetLedgerTests.SpendAsync(h, user, first, 0.90m);

        var warnings = h.Events.Warnings("warn");
        Assert.Equal([first, second, first], warnings.Select(w => w.ProjectId));
        Assert.All(warnings, w => Assert.Equal("daily", w.Data!["scope"]));
    }

    [Fact]
    public async Task A_refusal_emits_exhausted_once_per_cap_period_and_again_after_the_cap_is_raised()
    {
        await using var h = await LedgerHarness.CreateAsync(daily: 100m, monthly: 100m, perProject: 100m);
        var user = await h.CreateUserAsync();
        var project = await h.CreateProjectAsync(user, "P", """{"budget":{"per_project_limit_usd":0.5}}""");
        await BudgetLedgerTests.SpendAsync(h, user, project, 0.3m);

        var refused = await Assert.ThrowsAsync<BudgetExceededException>(() => h.Ledger.ReserveAsync(LedgerHarness.Call(user, project), 0.25m, None));
        await Assert.ThrowsAsync<BudgetExceededException>(() => h.Ledger.ReserveAsync(LedgerHarness.Call(user, project), 0.3m, None));

        var exhausted = Assert.Single(h.Events.Warnings("exhausted"));
        Assert.Equal(refused.Message, exhausted.Message);
        Assert.Equal("project", exhausted.Data!["scope"]);
        Assert.Equal(0.25, exhausted.Data["cost_usd"]);

        await h.ScalarAsync<long>("UPDATE projects SET config = '{\"budget\":{\"per_project_limit_usd\":0.6}}' WHERE id = @project", new { project });
        await BudgetLedgerTests.SpendAsync(h, user, project, 0.25m);
        await Assert.ThrowsAsync<BudgetExceededException>(() => h.Ledger.ReserveAsync(LedgerHarness.Call(user, project), 0.25m, None));
        Assert.Equal(2, h.Events.Warnings("exhausted").Count);
    }

    [Fact]
    public async Task Calls_outside_any_project_emit_nothing()
    {
        await using var h = await LedgerHarness.CreateAsync(daily: 1m);
        var user = await h.CreateUserAsync();
        await BudgetLedgerTests.SpendAsync(h, user, null, 0.9m);
        await Assert.ThrowsAsync<BudgetExceededException>(() => h.Ledger.ReserveAsync(LedgerHarness.Call(user, null), 0.2m, None));

        Assert.Empty(h.Events.Events);
    }

    [Fact]
    public async Task A_failing_event_store_does_not_undo_the_settlement_or_hide_the_refusal()
    {
        await using var h = await LedgerHarness.CreateAsync(daily: 1m, monthly: 100m, perProject: 100m);
        var user = await h.CreateUserAsync();
        var project = await h.CreateProjectAsync(user);
        h.Events.Fail = true;

        await BudgetLedgerTests.SpendAsync(h, user, project, 0.9m);
        var ex = await Assert.ThrowsAsync<BudgetExceededException>(() => h.Ledger.ReserveAsync(LedgerHarness.Call(user, project), 0.2m, None));

        Assert.Equal("daily", ex.Scope);
        Assert.Equal(900_000_000L, await h.ScalarAsync<long>("SELECT SUM(cost_nanos) FROM usage_records"));
    }
}
