namespace Orchestration.Storage.Knowledge;

/// <summary>
/// A project's knowledge as its owner reads and prunes it (docs/api.md: GET/DELETE /api/projects/{id}/knowledge).
/// Findings are written inside the transactions that complete a task or resolve a checkpoint, and a person's review of
/// them through the engine (it appends events), never here.
/// </summary>
public interface IKnowledgeStore
{
    /// <summary>Newest first, optionally of one category, status and source; null when the project does not exist for this owner.</summary>
    Task<IReadOnlyList<KnowledgeRecord>?> ListAsync(string ownerId, string projectId, KnowledgeFilter filter, CancellationToken cancellationToken);

    /// <summary>Null when the project does not exist for this owner; false when it has no such finding.</summary>
    Task<bool?> DeleteAsync(string ownerId, string projectId, string knowledgeId, CancellationToken cancellationToken);
}
