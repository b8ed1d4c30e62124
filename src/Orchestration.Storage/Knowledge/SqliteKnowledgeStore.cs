using Dapper;
using Orchestration.Storage.Sqlite;

namespace Orchestration.Storage.Knowledge;

internal sealed class SqliteKnowledgeStore(SqliteDatabase database) : IKnowledgeStore
{
    private const string Owned = "EXISTS (SELECT 1 FROM projects WHERE id = @projectId AND owner_id = @ownerId)";

    public Task<IReadOnlyList<KnowledgeRecord>?> ListAsync(string ownerId, string projectId, string? category, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<KnowledgeRecord>?>(async c =>
        {
            if (!await c.ExecuteScalarAsync<bool>(new CommandDefinition($"SELECT {Owned}", new { projectId, ownerId }, cancellationToken: cancellationToken)))
            {
                return null;
            }
            return (await c.QueryAsync<KnowledgeRecord>(new CommandDefinition(
                $"""
                SELECT {KnowledgeRows.Columns} FROM project_knowledge
                WHERE project_id = @projectId AND (@category IS NULL OR category = @category)
                ORDER BY created_at DESC, id DESC
                """, new { projectId, category }, cancellationToken: cancellationToken))).AsList();
        }, cancellationToken);

    public Task<bool?> DeleteAsync(string ownerId, string projectId, string knowledgeId, CancellationToken cancellationToken) =>
        database.WriteAsync<bool?>(async (c, tx) =>
        {
            if (!await c.ExecuteScalarAsync<bool>($"SELECT {Owned}", new { projectId, ownerId }, tx))
            {
                return null;
            }
            return await c.ExecuteAsync("DELETE FROM project_knowledge WHERE id = @knowledgeId AND project_id = @projectId",
                new { knowledgeId, projectId }, tx) > 0;
        }, cancellationToken);
}
