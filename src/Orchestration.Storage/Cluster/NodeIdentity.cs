namespace Orchestration.Storage.Cluster;

/// <summary>This server process among the nodes sharing one database: the owner of the task leases and budget
/// reservations it takes, and the writer its PostgreSQL connections name (so it can tell its own events from others').
/// A new id per process: a restarted node is a new node, and what the old one held is taken over when its lease ends.</summary>
public sealed record NodeIdentity(string Id)
{
    public static NodeIdentity New() => new("node-" + Guid.NewGuid().ToString("N")[..12]);
}
