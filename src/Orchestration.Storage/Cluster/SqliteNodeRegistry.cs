using Dapper;
using Orchestration.Storage.Sqlite;

namespace Orchestration.Storage.Cluster;

/// <summary>One SQLite file is one server's: it registers itself like a node of a cluster, alone.</summary>
internal sealed class SqliteNodeRegistry(SqliteDatabase database) : INodeRegistry
{
    public bool Shared => false;

    public Task HeartbeatAsync(NodeIdentity node, string? address, double now, CancellationToken cancellationToken) =>
        database.WriteAsync((c, tx) => c.ExecuteAsync(NodeRows.Heartbeat, new { node.Id, Address = address, Now = now }, tx), cancellationToken);

    public Task LeaveAsync(NodeIdentity node, CancellationToken cancellationToken) =>
        database.WriteAsync((c, tx) => c.ExecuteAsync(NodeRows.Leave, new { node.Id }, tx), cancellationToken);

    public Task<IReadOnlyList<ClusterNode>> NodesAsync(CancellationToken cancellationToken) =>
        database.ReadAsync(async c => (IReadOnlyList<ClusterNode>)(await c.QueryAsync<ClusterNode>(
            new CommandDefinition(NodeRows.List, cancellationToken: cancellationToken))).AsList(), cancellationToken);
}
