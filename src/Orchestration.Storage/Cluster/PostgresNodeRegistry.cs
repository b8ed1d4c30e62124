using Dapper;
using Orchestration.Storage.Postgres;

namespace Orchestration.Storage.Cluster;

internal sealed class PostgresNodeRegistry(PostgresDatabase database) : INodeRegistry
{
    public bool Shared => true;

    public Task HeartbeatAsync(NodeIdentity node, string? address, double now, CancellationToken cancellationToken) =>
        database.WriteAsync((c, tx) => c.ExecuteAsync(NodeRows.Heartbeat, new { node.Id, Address = address, Now = now }, tx), cancellationToken);

    public Task LeaveAsync(NodeIdentity node, CancellationToken cancellationToken) =>
        database.WriteAsync((c, tx) => c.ExecuteAsync(NodeRows.Leave, new { node.Id }, tx), cancellationToken);

    public Task<IReadOnlyList<ClusterNode>> NodesAsync(CancellationToken cancellationToken) =>
        database.ReadAsync(async c => (IReadOnlyList<ClusterNode>)(await c.QueryAsync<ClusterNode>(
            new CommandDefinition(NodeRows.List, cancellationToken: cancellationToken))).AsList(), cancellationToken);
}
