namespace Orchestration.Storage.Checkpoints;

/// <summary>Reads checkpoints for their project's owner (docs/api.md, Checkpoints). Opening and resolving them are task
/// transitions, written by the execution store.</summary>
public interface ICheckpointStore
{
    /// <summary>Newest first; only unresolved ones unless <paramref name="includeResolved"/>. Null when the project
    /// does not exist for this owner.</summary>
    Task<IReadOnlyList<CheckpointRecord>?> ListAsync(string ownerId, string projectId, bool includeResolved, CancellationToken cancellationToken);

    /// <summary>Null when missing or another user's.</summary>
    Task<CheckpointRecord?> GetAsync(string ownerId, string checkpointId, CancellationToken cancellationToken);
}
