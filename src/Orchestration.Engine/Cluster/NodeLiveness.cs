using Orchestration.Core.Configuration;

namespace Orchestration.Engine.Cluster;

/// <summary>How long a node counts as alive without a sign of life: the task lease
/// (execution.stale_task_threshold_seconds, at least 3 s). Nodes renew their leases and heartbeats three times per lease,
/// so a node is declared dead, and its tasks and budget holds are taken over, within one lease of its last beat.</summary>
public sealed class NodeLiveness(ExecutionOptions execution)
{
    public TimeSpan Lease { get; } = TimeSpan.FromSeconds(Math.Max(3, execution.StaleTaskThresholdSeconds));

    public TimeSpan Beat => Lease / 3;
}
