using Dapper;
using Orchestration.Storage.Sqlite;

namespace Orchestration.Storage.Checkpoints;

internal sealed class SqliteCheckpointStore(SqliteDatabase database) : ICheckpointStore
{
    public Task<IReadOnlyList<CheckpointRecord>?> ListAsync(string ownerId, string projectId, bool includeResolved, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<CheckpointRecord>?>(async c =>
        {
            var owned = await c.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM projects WHERE id = @projectId AND owner_id = @ownerId)",
                new { projectId, ownerId }, cancellationToken: cancellationToken));
            if (!owned)
            {
                return null;
            }
            return (await c.QueryAsync<CheckpointRecord>(new CommandDefinition(
                $"""
                SELECT {CheckpointRows.Columns} FROM {CheckpointRows.From}
                WHERE c.project_id = @projectId AND (@includeResolved OR c.resolved_at IS NULL)
                ORDER BY c.created_at DESC, c.id DESC
                """, new { projectId, includeResolved }, cancellationToken: cancellationToken))).AsList();
        }, cancellationToken);

    public Task<CheckpointRecord?> GetAsync(string ownerId, string checkpointId, CancellationToken cancellationToken) =>
        database.ReadAsync(c => c.QuerySingleOrDefaultAsync<CheckpointRecord?>(new CommandDefinition(
            $"""
            SELECT {CheckpointRows.Columns} FROM {CheckpointRows.From}
            JOIN projects p ON p.id = c.project_id AND p.owner_id = @ownerId
            WHERE c.id = @checkpointId
            """, new { checkpointId, ownerId }, cancellationToken: cancellationToken)), cancellationToken);
}
