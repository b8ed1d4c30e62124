using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestration.Core.Configuration;
using Orchestration.Core.Domain;
using Orchestration.Engine.Events;
using Orchestration.Storage.Execution;
using Orchestration.Engine.Runs;

namespace Orchestration.Engine.Execution;

/// <summary>
/// Hosts the executor loop and keeps this instance's leases fresh. On shutdown the executor drains for
/// execution.shutdown_grace_seconds; a loop that dies unexpectedly is logged as Critical and stops the host.
/// </summary>
internal sealed partial class ExecutionHostedService(
    ExecutionEngine engine, IAttemptStore store, IEventBus bus, ExecutionOptions execution, TimeProvider time,
    IHostApplicationLifetime lifetime, ILogger<ExecutionHostedService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var leases = KeepLeasesAsync(stoppingToken);
        try
        {
            await engine.RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Normal shutdown.
        }
        catch (Exception ex)
        {
            LogLoopDied(logger, ex);
            lifetime.StopApplication();
        }
        finally
        {
            await engine.DrainAsync(TimeSpan.FromSeconds(Math.Max(0, execution.ShutdownGraceSeconds)));
            await leases;
        }
    }

    /// <summary>Renews the leases of running attempts and requeues attempts whose lease expired elsewhere.</summary>
    private async Task KeepLeasesAsync(CancellationToken stoppingToken)
    {
        var lease = Math.Max(3, execution.StaleTaskThresholdSeconds);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(lease / 3), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var now = time.NowEpoch();
                await store.RenewLeasesAsync(engine.InstanceId, now + lease, stoppingToken);
                var recovered = await store.RecoverInterruptedAsync(engine.InstanceId, onlyExpired: true, now, stoppingToken);
                bus.Publish(recovered.Events);
                foreach (var projectId in recovered.Value)
                {
                    engine.Post(new ProjectChanged(projectId));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }
        catch (Exception ex)
        {
            LogLeaseKeeperFailed(logger, ex);
        }
    }

    [LoggerMessage(EventId = 6000, Level = LogLevel.Critical, Message = "The executor loop stopped unexpectedly; stopping the server")]
    private static partial void LogLoopDied(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 6007, Level = LogLevel.Error, Message = "Lease renewal stopped; running attempts may be requeued by another instance")]
    private static partial void LogLeaseKeeperFailed(ILogger logger, Exception exception);
}
