using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestration.Core.Domain;
using Orchestration.Storage.Cluster;

namespace Orchestration.Engine.Cluster;

/// <summary>Registers this node in cluster_nodes before the server serves, beats every <see cref="NodeLiveness.Beat"/>
/// and leaves on a clean stop. Other nodes release the budget holds of a node whose beat is older than the lease.</summary>
internal sealed partial class NodeHeartbeat(INodeRegistry registry, NodeIdentity node, NodeLiveness liveness, TimeProvider time,
    ILogger<NodeHeartbeat> logger) : BackgroundService
{
    private static readonly string Where = $"{Environment.MachineName} pid {Environment.ProcessId}";

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await registry.HeartbeatAsync(node, Where, time.NowEpoch(), cancellationToken);
        LogJoined(logger, node.Id, registry.Shared);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(liveness.Beat, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await registry.HeartbeatAsync(node, Where, time.NowEpoch(), stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    LogBeatFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await registry.LeaveAsync(node, cancellationToken);
        }
        catch (Exception ex)
        {
            // Its beat ages out instead.
            LogBeatFailed(logger, ex);
        }
    }

    [LoggerMessage(EventId = 6900, Level = LogLevel.Information, Message = "Node {Node} joined (database shared by several nodes: {Shared})")]
    private static partial void LogJoined(ILogger logger, string node, bool shared);

    [LoggerMessage(EventId = 6901, Level = LogLevel.Warning, Message = "The node's heartbeat could not be written")]
    private static partial void LogBeatFailed(ILogger logger, Exception exception);
}
