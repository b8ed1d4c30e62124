using System.Data;
using System.Text;
using Dapper;
using Orchestration.Core.Domain;

namespace Orchestration.Storage.Knowledge;

/// <summary>Writes findings inside a caller's transaction, merging duplicates per project on normalised content.</summary>
internal static class KnowledgeRows
{
    public const string Columns = "id, project_id, task_id, category, content, source_task_title, created_at";

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
                INSERT INTO project_knowledge (id, project_id, task_id, category, content, content_key, source_task_title, created_at)
                VALUES (@id, @projectId, @taskId, @Category, @content, @key, @title, @now)
                ON CONFLICT (project_id, content_key) DO NOTHING
                RETURNING {Columns}
                """, new { id = Ids.New(), projectId, taskId, finding.Category, content = finding.Content.Trim(), key, title, now }, tx);
            if (row is not null)
            {
                inserted.Add(row);
            }
        }
        return inserted;
    }

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
