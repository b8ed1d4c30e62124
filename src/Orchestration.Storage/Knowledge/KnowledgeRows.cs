using System.Data;
using System.Text;
using Dapper;
using Orchestration.Core.Domain;

namespace Orchestration.Storage.Knowledge;

/// <summary>Writes findings inside a caller's transaction, merging duplicates per project on normalised content.</summary>
internal static class KnowledgeRows
{
    public const string Columns = "id, project_id, task_id, category, content, source_task_title, created_at, source, checkpoint_id, added_by, " +
                                  "status, screen_reason, reviewed_by, reviewed_at, edited_by, edited_at";

    private static readonly string Qualified = string.Join(", ", Columns.Split(", ").Select(column => "k." + column));

    /// <summary>Inserts the findings that are new for the project; returns those inserted (duplicates are kept once,
    /// with their first source task). The SQL is the same on SQLite and PostgreSQL.</summary>
    public static async Task<IReadOnlyList<KnowledgeRecord>> InsertAsync(
        IDbConnection c, IDbTransaction tx, string projectId, string? taskId, IEnumerable<NewFinding> findings, double now)
    {
        var title = taskId is null ? null : await c.ExecuteScalarAsync<string?>("SELECT title FROM tasks WHERE id = @taskId", new { taskId }, tx);
        var inserted = new List<KnowledgeRecord>();
        foreach (var finding in findings)
        {
            var key = Normalise(finding.Content);
            if (key.Length == 0)
            {
                continue;
            }
            var row = await c.QuerySingleOrDefaultAsync<KnowledgeRecord>(
                $"""
                INSERT INTO project_knowledge (id, project_id, task_id, category, content, content_key, source_task_title, created_at,
                                               source, checkpoint_id, added_by, status, screen_reason)
                VALUES (@id, @projectId, @taskId, @Category, @content, @key, @title, @now,
                        @Source, @CheckpointId, @AddedBy, @Status, @ScreenReason)
                ON CONFLICT (project_id, content_key) DO NOTHING
                RETURNING {Columns}
                """, new
                {
                    id = Ids.New(), projectId, taskId, finding.Category, content = finding.Content.Trim(), key, title, now,
                    finding.Source, finding.CheckpointId, finding.AddedBy, finding.Status, finding.ScreenReason,
                }, tx);
            if (row is not null)
            {
                inserted.Add(row);
            }
        }
        return inserted;
    }

    /// <summary>The finding, when its project is the owner's.</summary>
    public static Task<KnowledgeRecord?> OwnedAsync(IDbConnection c, IDbTransaction tx, string ownerId, string knowledgeId) =>
        c.QuerySingleOrDefaultAsync<KnowledgeRecord>(
            $"""
            SELECT {Qualified} FROM project_knowledge k JOIN projects p ON p.id = k.project_id
            WHERE k.id = @knowledgeId AND p.owner_id = @ownerId
            """, new { knowledgeId, ownerId }, tx);

    /// <summary>The project's finding with the same normalised content, if any (whatever its status).</summary>
    public static Task<KnowledgeRecord?> ByContentAsync(IDbConnection c, IDbTransaction tx, string projectId, string content) =>
        c.QuerySingleOrDefaultAsync<KnowledgeRecord>(
            $"SELECT {Columns} FROM project_knowledge WHERE project_id = @projectId AND content_key = @key",
            new { projectId, key = Normalise(content) }, tx);

    /// <summary>Applies a person's change while the finding still has the expected status; the finding as it now is, or
    /// null when the guard did not hold.</summary>
    public static Task<KnowledgeRecord?> UpdateAsync(IDbConnection c, IDbTransaction tx, string projectId, FindingUpdate update, double now) =>
        c.QuerySingleOrDefaultAsync<KnowledgeRecord>(
            $"""
            UPDATE project_knowledge SET
                status = @Status,
                content = COALESCE(@Content, content),
                content_key = COALESCE(@contentKey, content_key),
                category = COALESCE(@Category, category),
                screen_reason = CASE WHEN @Status = 'proposed' THEN screen_reason ELSE NULL END,
                reviewed_by = CASE WHEN @Status = status THEN reviewed_by ELSE @ReviewedBy END,
                reviewed_at = CASE WHEN @Status = status THEN reviewed_at ELSE @now END,
                edited_by = CASE WHEN @EditedBy IS NULL THEN edited_by ELSE @EditedBy END,
                edited_at = CASE WHEN @EditedBy IS NULL THEN edited_at ELSE @now END
            WHERE id = @Id AND project_id = @projectId AND status = @ExpectedStatus
            RETURNING {Columns}
            """, new
            {
                projectId, update.Id, update.ExpectedStatus, update.Status, Content = update.Content?.Trim(),
                contentKey = update.Content is null ? null : Normalise(update.Content), update.Category, update.ReviewedBy, update.EditedBy, now,
            }, tx);

    /// <summary>The dedupe key: lower case, letters and digits only, runs of anything else as one space.</summary>
    public static string Normalise(string content)
    {
        var key = new StringBuilder(content.Length);
        var gap = false;
        foreach (var ch in content.Trim().ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(ch))
            {
                if (gap && key.Length > 0)
                {
                    key.Append(' ');
                }
                key.Append(ch);
                gap = false;
            }
            else
            {
                gap = true;
            }
        }
        return key.ToString();
    }
}
