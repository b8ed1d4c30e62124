using Microsoft.Extensions.DependencyInjection;
using Orchestration.Engine.Budget;

namespace Orchestration.Engine.Tests.Budget;

/// <summary>Reservations nobody will settle are released: a dead process's at startup, expired leases by the sweep.</summary>
public sealed class BudgetReservationRecoveryTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_restart_releases_the_reservations_of_the_dead_process_before_serving()
    {
        await using var h = await LedgerHarness.CreateAsync(daily: 1m);
        var user = await h.CreateUserAsync();
        await h.Ledger.ReserveAsync(LedgerHarness.Call(user, null), 0.9m, None);

        await using var restarted = h.StartAnotherInstance();
        await Assert.ThrowsAsync<Orchestration.Engine.Models.BudgetExceededException>(() => restarted.Ledger.ReserveAsync(LedgerHarness.Call(user, null), 0.5m, None));
        await restarted.StartHostedServicesAsync();

        Assert.Equal(0L, await h.ScalarAsync<long>("SELECT COUNT(*) FROM budget_reservations"));
        var mine = await restarted.Ledger.ReserveAsync(LedgerHarness.Call(user, null), 0.5m, None);
        Assert.Equal(
            restarted.Options.InstanceId,
            await h.ScalarAsync<string>("SELECT owner FROM budget_reservations WHERE id = @Id", new { mine.Id }));
    }

    [Fact]
    public async Task Expired_leases_are_released_and_live_ones_kept()
    {
        await using var h = await LedgerHarness.CreateAsync(daily: 1m);
        var user = await h.CreateUserAsync();
        var ledger = h.Services.GetRequiredService<SqliteBudgetLedger>();
        await h.Ledger.ReserveAsync(LedgerHarness.Call(user, null), 0.6m, None);
        h.Time.Advance(h.Options.Lease - TimeSpan.FromMinutes(1));
        var live = await h.Ledger.ReserveAsync(LedgerHarness.Call(user, null), 0.3m, None);

        Assert.Equal(0, await ledger.ReleaseExpiredAsync(None));
        h.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await ledger.ReleaseExpiredAsync(None));

        Assert.Equal(live.Id, await h.ScalarAsync<string>("SELECT id FROM budget_reservations"));
        await h.Ledger.ReserveAsync(LedgerHarness.Call(user, null), 0.6m, None);
    }

    [Fact]
    public async Task A_call_settled_after_its_lease_expired_is_still_recorded()
    {
        await using var h = await LedgerHarness.CreateAsync();
        var user = await h.CreateUserAsync();
        var slow = await h.Ledger.ReserveAsync(LedgerHarness.Call(user, null), 0.2m, None);
        h.Time.Advance(h.Options.Lease);
        await h.Services.GetRequiredService<SqliteBudgetLedger>().ReleaseExpiredAsync(None);

        await h.Ledger.SettleAsync(slow, LedgerHarness.Usage(user, null, 0.15m), None);

        Assert.Equal(150_000_000L, await h.ScalarAsync<long>("SELECT SUM(cost_nanos) FROM usage_records"));
        Assert.Equal(150_000_000L, await h.ScalarAsync<long>("SELECT spent_nanos FROM budget_totals WHERE scope = 'day'"));
    }
}
