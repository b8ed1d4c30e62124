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

        var status = await h.Services.GetRequiredService<IBudgetStatusReader>().GetAsync(null, CancellationToken.None);

        Assert.Equal(new BudgetStatus(0.5m, 2m, 25, 2m, 40m, 5, 0.25m, BudgetStatus.Installation, "ok", "ok"), status);
    }

    [Fact]
    public async Task A_user_sees_their_own_spend_and_only_how_much_room_the_installations_caps_leave()
    {
        await using var h = await LedgerHarness.CreateAsync(daily: 2m, monthly: 40m, now: new DateTimeOffset(2025, 3, 13, 12, 0, 0, TimeSpan.Zero));
        var (mine, theirs) = (await h.CreateUserAsync(), await h.CreateUserAsync());
        await BudgetLedgerTests.SpendAsync(h, theirs, null, 1.2m);
        await BudgetLedgerTests.SpendAsync(h, mine, null, 0.433m);
        await h.Ledger.ReserveAsync(LedgerHarness.Call(theirs, null), 0.25m, CancellationToken.None);
        await h.Ledger.ReserveAsync(LedgerHarness.Call(mine, null), 0.1m, CancellationToken.None);

        var status = await h.Services.GetRequiredService<IBudgetStatusReader>().GetAsync(mine, CancellationToken.None);

        // $1.633 of the $2 daily cap is spent (82 %, past the 80 % warning): the user sees that, and only their own amounts.
        Assert.Equal(new BudgetStatus(0.433m, 2m, 82, 0.433m, 40m, 4, 0.1m, BudgetStatus.Own, "warning", "ok"), status);
    }

    [Fact]
    public async Task A_zero_cap_with_nothing_spent_reads_as_zero_percent()
    {
        await using var h = await LedgerHarness.CreateAsync(daily: 0m);
        var status = await h.Services.GetRequiredService<IBudgetStatusReader>().GetAsync(null, CancellationToken.None);

        Assert.Equal(0, status.DailyPct);
        Assert.Equal(0m, status.DailyLimitUsd);
    }
}
