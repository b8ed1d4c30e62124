using Orchestration.Engine.Models;

namespace Orchestration.Engine.Tests.Budget;

/// <summary>The daily and monthly caps follow UTC days and months.</summary>
public sealed class BudgetWindowTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Yesterdays_spend_leaves_todays_cap_free_from_midnight_utc()
    {
        await using var h = await LedgerHarness.CreateAsync(daily: 1m, now: new DateTimeOffset(2025, 3, 14, 23, 59, 59, TimeSpan.Zero));
        var user = await h.CreateUserAsync();
        await BudgetLedgerTests.SpendAsync(h, user, null, 1m);
        await Assert.ThrowsAsync<BudgetExceededException>(() => h.Ledger.ReserveAsync(LedgerHarness.Call(user, null), 0.01m, None));

        h.Time.Advance(TimeSpan.FromSeconds(1));

        await h.Ledger.ReserveAsync(LedgerHarness.Call(user, null), 1m, None);
    }

    [Fact]
    public async Task A_day_is_a_utc_day_whatever_the_offset_of_the_clock()
    {
        // 23:30 at UTC-02:00 is already 01:30 the next UTC day.
        await using var h = await LedgerHarness.CreateAsync(daily: 1m, now: new DateTimeOffset(2025, 3, 14, 22, 0, 0, TimeSpan.Zero));
        var user = await h.CreateUserAsync();
        await BudgetLedgerTests.SpendAsync(h, user, null, 1m);
        h.Time.SetUtcNow(new DateTimeOffset(2025, 3, 14, 23, 30, 0, TimeSpan.FromHours(-2)));

        await h.Ledger.ReserveAsync(LedgerHarness.Call(user, null), 1m, None);
    }

    [Fact]
    public async Task A_new_month_frees_the_monthly_cap()
    {
        await using var h = await LedgerHarness.CreateAsync(daily: 10m, monthly: 2m, now: new DateTimeOffset(2025, 1, 31, 23, 0, 0, TimeSpan.Zero));
        var user = await h.CreateUserAsync();
        await BudgetLedgerTests.SpendAsync(h, user, null, 2m);
        var ex = await Assert.ThrowsAsync<BudgetExceededException>(() => h.Ledger.ReserveAsync(LedgerHarness.Call(user, null), 0.5m, None));
        Assert.Equal("monthly", ex.Scope);

        h.Time.Advance(TimeSpan.FromHours(1));

        await h.Ledger.ReserveAsync(LedgerHarness.Call(user, null), 2m, None);
    }

    [Fact]
    public async Task A_reservation_made_before_midnight_still_holds_after_it()
    {
        await using var h = await LedgerHarness.CreateAsync(daily: 1m, now: new DateTimeOffset(2025, 3, 14, 23, 59, 0, TimeSpan.Zero));
        var user = await h.CreateUserAsync();
        var open = await h.Ledger.ReserveAsync(LedgerHarness.Call(user, null), 0.8m, None);
        h.Time.Advance(TimeSpan.FromMinutes(2));

        var ex = await Assert.ThrowsAsync<BudgetExceededException>(() => h.Ledger.ReserveAsync(LedgerHarness.Call(user, null), 0.3m, None));
        Assert.Contains("$0.80 reserved", ex.Message, StringComparison.Ordinal);

        // Settled after midnight, the call counts against the day it settled in.
        await h.Ledger.SettleAsync(open, LedgerHarness.Usage(user, null, 0.8m), None);
        Assert.Equal(800_000_000L, await h.ScalarAsync<long>("SELECT spent_nanos FROM budget_totals WHERE scope = 'day' AND period = '2025-03-15'"));
    }
}
