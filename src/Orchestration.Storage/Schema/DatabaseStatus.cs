namespace Orchestration.Storage.Schema;

/// <summary>What a probe of the database found.</summary>
/// <param name="Reachable">The database answered.</param>
/// <param name="SchemaVersion">The newest migration applied (0 when it did not answer).</param>
/// <param name="Details">What the services page shows of it (path and file size, or host and database), snake_case keys.</param>
/// <param name="Error">Why it did not answer.</param>
public sealed record DatabaseStatus(bool Reachable, int SchemaVersion, IReadOnlyDictionary<string, object?> Details, string? Error = null);
