using System.Data;
using Dapper;

namespace Orchestration.Storage.Knowledge;

/// <summary>A project's knowledge as its owner reads and prunes it, in SQL every backend shares.</summary>
internal static class KnowledgeQueries
{
    private const string Owned = "EXISTS (SELECT 1 FROM projects WHERE id = @projectId AND owner_id = @ownerId)";

    public static async Task<IReadOnlyList<KnowledgeRecord>?> ListAsync(
        IDbConnection c, string ownerId, string projectId, KnowledgeFilter filter, CancellationToken cancellationToken)
    {
        if (!await c.ExecuteScalarAsync<bool>(new CommandDefinition($"SELECT {Owned}", new { projectId, ownerId }, cancellationToken: cancellationToken)))
        {
            return null;
        }
        return (await c.QueryAsync<KnowledgeRecord>(new CommandDefinition(
            $"""
            SELECT {KnowledgeRows.Columns} FROM project_knowledge
            WHERE project_id = @projectId AND (@Category IS NULL OR category = @Category)
              AND (@Status IS NULL OR status = @Status) AND (@Source IS NULL OR source = @Source)
            ORDER BY created_at DESC, id DESC
            """, new { projectId, filter.Category, filter.Status, filter.Source }, cancellationToken: cancellationToken))).AsList();
    }

    public static async Task<bool?> DeleteAsync(IDbConnection c, IDbTransaction tx, string ownerId, string projectId, string knowledgeId)
    {
        if (!await c.ExecuteScalarAsync<bool>($"SELECT {Owned}", new { projectId, ownerId }, tx))
        {
            return null;
        }
        return await c.ExecuteAsync("DELETE FROM project_knowledge WHERE id = @knowledgeId AND project_id = @projectId",
            new { knowledgeId, projectId }, tx) > 0;
    }
}
