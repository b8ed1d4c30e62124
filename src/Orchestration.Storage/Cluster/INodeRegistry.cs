namespace Orchestration.Storage.Cluster;

/// <summary>The nodes sharing the database and their heartbeats.</summary>
public interface INodeRegistry
{
    /// <summary>Whether several servers may share this database (PostgreSQL): then a node must not take over what
    /// another live node holds, and it learns of other nodes' changes from <see cref="Events.IEventFeed"/>.</summary>
    bool Shared { get; }

    /// <summary>Records that <paramref name="node"/> is alive at <paramref name="now"/> (registering it the first time).</summary>
    Task HeartbeatAsync(NodeIdentity node, string? address, double now, CancellationToken cancellationToken);

    /// <summary>Removes a node that stops cleanly, so nobody waits for its heartbeat to age.</summary>
    Task LeaveAsync(NodeIdentity node, CancellationToken cancellationToken);

    /// <summary>The nodes known, most recent heartbeat first.</summary>
    Task<IReadOnlyList<ClusterNode>> NodesAsync(CancellationToken cancellationToken);
}

/// <summary>One node and when it last said it was alive (epoch seconds).</summary>
public sealed record ClusterNode(string Id, string? Address, double StartedAt, double HeartbeatAt);
