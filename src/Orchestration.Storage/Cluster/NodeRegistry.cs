using Dapper;

namespace Orchestration.Storage.Cluster;

/// <summary>The node registry on either backend (its SQL reads the same on both). <paramref name="shared"/>: whether
/// the database may have several nodes (PostgreSQL) or has one server (a SQLite file, which registers itself alone).</summary>
internal sealed class NodeRegistry(ISqlDatabase database, bool shared) : INodeRegistry
{
    private const string HeartbeatSql =
        """
        INSERT INTO cluster_nodes (id, address, started_at, heartbeat_at) VALUES (@Id, @Address, @Now, @Now)
        ON CONFLICT (id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at, address = excluded.address
        """;

    public bool Shared => shared;

    public Task HeartbeatAsync(NodeIdentity node, string? address, double now, CancellationToken cancellationToken) =>
        database.WriteAsync((c, tx) => c.ExecuteAsync(HeartbeatSql, new { node.Id, Address = address, Now = now }, tx), cancellationToken);

    public Task LeaveAsync(NodeIdentity node, CancellationToken cancellationToken) =>
        database.WriteAsync((c, tx) => c.ExecuteAsync("DELETE FROM cluster_nodes WHERE id = @Id", new { node.Id }, tx), cancellationToken);

    public Task<IReadOnlyList<ClusterNode>> NodesAsync(CancellationToken cancellationToken) =>
        database.ReadAsync(async c => (IReadOnlyList<ClusterNode>)(await c.QueryAsync<ClusterNode>(new CommandDefinition(
            "SELECT id AS Id, address AS Address, started_at AS StartedAt, heartbeat_at AS HeartbeatAt FROM cluster_nodes ORDER BY heartbeat_at DESC, id",
            cancellationToken: cancellationToken))).AsList(), cancellationToken);
}
