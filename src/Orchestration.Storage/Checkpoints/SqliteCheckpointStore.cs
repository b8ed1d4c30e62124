using Orchestration.Storage.Sqlite;

namespace Orchestration.Storage.Checkpoints;

internal sealed class SqliteCheckpointStore(SqliteDatabase database) : ICheckpointStore
{
    public Task<IReadOnlyList<CheckpointRecord>?> ListAsync(string ownerId, string projectId, bool includeResolved, CancellationToken cancellationToken) =>
        database.ReadAsync(c => CheckpointQueries.ListAsync(c, ownerId, projectId, includeResolved, cancellationToken), cancellationToken);

    public Task<CheckpointRecord?> GetAsync(string ownerId, string checkpointId, CancellationToken cancellationToken) =>
        database.ReadAsync(c => CheckpointQueries.GetAsync(c, ownerId, checkpointId, cancellationToken), cancellationToken);
}
