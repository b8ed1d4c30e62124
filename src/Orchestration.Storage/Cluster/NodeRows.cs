namespace Orchestration.Storage.Cluster;

/// <summary>The node registry's SQL, alike on both backends.</summary>
internal static class NodeRows
{
    public const string Heartbeat =
        """
        INSERT INTO cluster_nodes (id, address, started_at, heartbeat_at) VALUES (@Id, @Address, @Now, @Now)
        ON CONFLICT (id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at, address = excluded.address
        """;

    public const string Leave = "DELETE FROM cluster_nodes WHERE id = @Id";

    public const string List = "SELECT id AS Id, address AS Address, started_at AS StartedAt, heartbeat_at AS HeartbeatAt FROM cluster_nodes ORDER BY heartbeat_at DESC, id";
}
