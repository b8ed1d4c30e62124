using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestration.Core.Domain;
using Orchestration.Engine.Cluster;
using Orchestration.Storage.Budget;
using Orchestration.Storage.Cluster;

namespace Orchestration.Engine.Budget;

/// <summary>
/// Releases reservations nobody will settle: those of processes that are gone (at startup, and on every tick: on a
/// shared database a node that died is noticed within one lease, <see cref="NodeLiveness"/>), and those whose own lease
/// expired. Ticks every <see cref="BudgetLedgerOptions.SweepInterval"/> or every heartbeat, whichever is shorter.
/// </summary>
internal sealed class BudgetReservationSweeper(
    IBudgetStore store,
    BudgetLedgerOptions options,
    NodeLiveness liveness,
    INodeRegistry nodes,
    TimeProvider time,
    ILogger<BudgetReservationSweeper> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Awaited before the host serves anything, so a restarted server never counts a dead process's holds.
        await ReleaseOrphansAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.SweepInterval < liveness.Beat ? options.SweepInterval : liveness.Beat, time);
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

    private async Task ReleaseOrphansAsync(CancellationToken cancellationToken)
    {
        // Alone on its database, this process is the only live one; sharing it, nodes that beat within a lease are.
        var liveSince = nodes.Shared ? (time.GetUtcNow() - liveness.Lease).ToEpoch() : double.MaxValue;
        var released = await store.ReleaseOrphansAsync(options.InstanceId, liveSince, cancellationToken);
        if (released > 0)
        {
            BudgetLog.OrphansReleased(logger, released);
        }
    }

    private async Task SweepOnceAsync(CancellationToken stoppingToken)
    {
        try
        {
            await ReleaseOrphansAsync(stoppingToken);
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
