using System.Text.Json.Nodes;

namespace Orchestration.Storage.Transfer;

/// <summary>
/// Export, import and clone of whole projects. The export document holds the project's rows table by table (JSON
/// columns as JSON), so it round-trips through import on any later schema: unknown columns are dropped, missing ones
/// take their defaults.
/// </summary>
public interface IProjectTransferStore
{
    /// <returns>The document, or null when the project is not the owner's.</returns>
    Task<JsonObject?> ExportAsync(string ownerId, string projectId, double now, CancellationToken cancellationToken);

    /// <summary>Creates a new project (new ids throughout) owned by <paramref name="ownerId"/>; returns its id.</summary>
    Task<string> ImportAsync(string ownerId, JsonObject document, double now, CancellationToken cancellationToken);

    /// <summary>A new draft project with the same requirements and the latest approved plan as draft v1; null when not found.</summary>
    Task<string?> CloneAsync(string ownerId, string projectId, double now, CancellationToken cancellationToken);
}
