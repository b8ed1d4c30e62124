using System.Data;
using Dapper;

namespace Orchestration.Storage.Checkpoints;

/// <summary>Reads of checkpoints for their project's owner, in SQL every backend shares.</summary>
internal static class CheckpointQueries
{
    public static async Task<IReadOnlyList<CheckpointRecord>?> ListAsync(
        IDbConnection c, string ownerId, string projectId, bool includeResolved, CancellationToken cancellationToken)
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
    }

    public static Task<CheckpointRecord?> GetAsync(IDbConnection c, string ownerId, string checkpointId, CancellationToken cancellationToken) =>
        c.QuerySingleOrDefaultAsync<CheckpointRecord?>(new CommandDefinition(
            $"""
            SELECT {CheckpointRows.Columns} FROM {CheckpointRows.From}
            JOIN projects p ON p.id = c.project_id AND p.owner_id = @ownerId
            WHERE c.id = @checkpointId
            """, new { checkpointId, ownerId }, cancellationToken: cancellationToken));
}
