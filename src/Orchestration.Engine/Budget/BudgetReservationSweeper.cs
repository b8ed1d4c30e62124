using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestration.Core.Domain;
using Orchestration.Storage.Budget;

namespace Orchestration.Engine.Budget;

/// <summary>
/// Releases reservations nobody will settle: at startup those of other (dead) process instances, then every
/// <see cref="BudgetLedgerOptions.SweepInterval"/> those whose lease has expired.
/// </summary>
internal sealed class BudgetReservationSweeper(
    IBudgetStore store,
    BudgetLedgerOptions options,
    TimeProvider time,
    ILogger<BudgetReservationSweeper> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Awaited before the host serves anything, so a restarted server never counts a dead process's holds.
        var released = await store.ReleaseOtherOwnersAsync(options.InstanceId, cancellationToken);
        if (released > 0)
        {
            BudgetLog.OrphansReleased(logger, released);
        }
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.SweepInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await SweepOnceAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown.
        }
    }

    private async Task SweepOnceAsync(CancellationToken stoppingToken)
    {
        try
        {
            var released = await store.ReleaseExpiredAsync(time.NowEpoch(), stoppingToken);
            if (released > 0)
            {
                BudgetLog.ExpiredReleased(logger, released);
            }
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            // A busy or briefly unavailable database is retried at the next tick rather than stopping the host.
            BudgetLog.SweepFailed(logger, ex);
        }
    }
}
