using Orchestration.Core.Domain;
using Orchestration.Engine.Models;

namespace Orchestration.Engine.Tests.Budget;

public sealed class BudgetLedgerTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_refused_call_names_the_cap_what_is_spent_reserved_and_asked_and_reserves_nothing()
    {
        await using var h = await LedgerHarness.CreateAsync(daily: 1.00m);
        var user = await h.CreateUserAsync();
        var spent = await h.Ledger.ReserveAsync(LedgerHarness.Call(user, null), 0.70m, None);
        await h.Ledger.SettleAsync(spent, LedgerHarness.Usage(user, null, 0.60m), None);
        await h.Ledger.ReserveAsync(LedgerHarness.Call(user, null), 0.25m, None);

        var ex = await Assert.ThrowsAsync<BudgetExceededException>(() => h.Ledger.ReserveAsync(LedgerHarness.Call(user, null), 0.20m, None));

        Assert.Equal("daily", ex.Scope);
        Assert.Equal(1.00m, ex.LimitUsd);
        Assert.Equal(
            "Daily budget exhausted: $0.60 of $1.00 spent today (UTC), $0.25 reserved by calls in flight, and this call needs up to $0.20. "
            + "Raise budget.daily_limit_usd to continue.", ex.Message);
        Assert.Equal(1L, await h.ScalarAsync<long>("SELECT COUNT(*) FROM budget_reservations"));
    }

    [Fact]
    public async Task The_monthly_cap_counts_every_day_of_the_month()
    {
        await using var h = await LedgerHarness.CreateAsync(daily: 1m, monthly: 1.50m);
        var user = await h.CreateUserAsync();
        await SpendAsync(h, user, null, 0.90m);
        h.Time.Advance(TimeSpan.FromDays(1));
        await SpendAsync(h, user, null, 0.50m);

        var ex = await Assert.ThrowsAsync<BudgetExceededException>(() => h.Ledger.ReserveAsync(LedgerHarness.Call(user, null), 0.20m, None));

        Assert.Equal("monthly", ex.Scope);
        Assert.StartsWith("Monthly budget exhausted: $1.40 of $1.50 spent this month (UTC)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("budget.monthly_limit_usd", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_project_cap_from_the_project_config_overrides_the_global_one()
    {
        await using var h = await LedgerHarness.CreateAsync(perProject: 10m);
        var user = await h.CreateUserAsync();
        var small = await h.CreateProjectAsync(user, "Small", """{"budget":{"per_project_limit_usd":0.5}}""");
        var other = await h.CreateProjectAsync(user, "Other");
        await SpendAsync(h, user, small, 0.45m);

        var ex = await Assert.ThrowsAsync<BudgetExceededException>(() => h.Ledger.ReserveAsync(LedgerHarness.Call(user, small), 0.10m, None));

        Assert.Equal("project", ex.Scope);
        Assert.Equal(0.5m, ex.LimitUsd);
        Assert.Equal(
            "Project budget exhausted: $0.45 of $0.50 spent on this project, $0.00 reserved by calls in flight, and this call needs up to $0.10. "
            + "Raise the project's config budget.per_project_limit_usd to continue.", ex.Message);
        // Another project has its own cap: the global one.
        await h.Ledger.ReserveAsync(LedgerHarness.Call(user, other), 4m, None);
    }

    [Fact]
    public async Task A_project_without_its_own_cap_is_held_to_the_global_per_project_cap()
    {
        await using var h = await LedgerHarness.CreateAsync(perProject: 0.30m);
        var user = await h.CreateUserAsync();
        var project = await h.CreateProjectAsync(user, "P", """{"budget":{"per_project_limit_usd":"lots"}}""");
        await h.Ledger.ReserveAsync(LedgerHarness.Call(user, project), 0.20m, None);

        var ex = await Assert.ThrowsAsync<BudgetExceededException>(() => h.Ledger.ReserveAsync(LedgerHarness.Call(user, project), 0.15m, None));

        Assert.Equal("project", ex.Scope);
        Assert.Contains("$0.20 reserved by calls in flight", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Raise budget.per_project_limit_usd", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Free_calls_are_never_refused_even_when_every_paid_cap_is_spent()
    {
        await using var h = await LedgerHarness.CreateAsync(daily: 0m, monthly: 0m, perProject: 0m);
        var user = await h.CreateUserAsync();
        var project = await h.CreateProjectAsync(user);
        await Assert.ThrowsAsync<BudgetExceededException>(() => h.Ledger.ReserveAsync(LedgerHarness.Call(user, project), 0.000001m, None));

        var free = await h.Ledger.ReserveAsync(LedgerHarness.Call(user, project), 0m, None);
        await h.Ledger.SettleAsync(free, LedgerHarness.Usage(user, project, 0m, "ollama", "qwen2.5-coder:14b"), None);

        Assert.Equal(0m, free.AmountUsd);
        Assert.Equal("ollama", await h.ScalarAsync<string>("SELECT provider FROM usage_records"));
    }

    [Fact]
    public async Task A_negative_amount_is_a_programming_error()
    {
        await using var h = await LedgerHarness.CreateAsync();
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => h.Ledger.ReserveAsync(LedgerHarness.Call("u", null), -0.01m, None));
    }

    internal static async Task SpendAsync(LedgerHarness h, string user, string? project, decimal usd)
    {
        var reservation = await h.Ledger.ReserveAsync(LedgerHarness.Call(user, project), usd, None);
        await h.Ledger.SettleAsync(reservation, LedgerHarness.Usage(user, project, usd), None);
    }
}
