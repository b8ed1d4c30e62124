using Microsoft.Extensions.DependencyInjection;
using Orchestration.Engine.Budget;

namespace Orchestration.Engine.Tests.Budget;

public sealed class BudgetStatusReaderTests
{
    [Fact]
    public async Task The_status_shows_todays_and_this_months_spend_against_the_caps_and_what_is_reserved()
    {
        await using var h = await LedgerHarness.CreateAsync(daily: 2m, monthly: 40m, now: new DateTimeOffset(2025, 3, 13, 12, 0, 0, TimeSpan.Zero));
        var user = await h.CreateUserAsync();
        await BudgetLedgerTests.SpendAsync(h, user, null, 1.5m);
        h.Time.Advance(TimeSpan.FromDays(1));
        await BudgetLedgerTests.SpendAsync(h, user, null, 0.5m);
        await h.Ledger.ReserveAsync(LedgerHarness.Call(user, null), 0.25m, CancellationToken.None);

        var status = await h.Services.GetRequiredService<IBudgetStatusReader>().GetAsync(CancellationToken.None);

        Assert.Equal(new BudgetStatus(0.5m, 2m, 25, 2m, 40m, 5, 0.25m), status);
    }

    [Fact]
    public async Task A_zero_cap_with_nothing_spent_reads_as_zero_percent()
    {
        await using var h = await LedgerHarness.CreateAsync(daily: 0m);
        var status = await h.Services.GetRequiredService<IBudgetStatusReader>().GetAsync(CancellationToken.None);

        Assert.Equal(0, status.DailyPct);
        Assert.Equal(0m, status.DailyLimitUsd);
    }
}
