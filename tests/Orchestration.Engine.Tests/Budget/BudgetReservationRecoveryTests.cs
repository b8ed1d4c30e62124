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
    public async Task A_reservation_is_held_by_this_instance_for_the_configured_lease()
    {
        await using var h = await LedgerHarness.CreateAsync();
        var user = await h.CreateUserAsync();

        var reservation = await h.Ledger.ReserveAsync(LedgerHarness.Call(user, null), 0.2m, None);

        Assert.Equal(h.Options.InstanceId, await h.ScalarAsync<string>("SELECT owner FROM budget_reservations WHERE id = @Id", new { reservation.Id }));
        Assert.Equal(
            h.Options.Lease.TotalSeconds,
            await h.ScalarAsync<double>("SELECT lease_expires_at - created_at FROM budget_reservations WHERE id = @Id", new { reservation.Id }));
    }
}
