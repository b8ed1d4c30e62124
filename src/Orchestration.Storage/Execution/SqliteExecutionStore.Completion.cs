using System.Data;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Orchestration.Core.Domain;
using Orchestration.Storage.Events;
using Orchestration.Storage.Knowledge;
using Orchestration.Storage.Sqlite;

namespace Orchestration.Storage.Execution;

// A successful attempt: the output, its verification, the files it wrote and the knowledge it yielded, in one commit.
internal sealed partial class SqliteExecutionStore
{
    private const string CompleteSql =
        $"""
        UPDATE tasks SET status = 'completed', output_text = @OutputText, model_used = @ModelUsed,
            prompt_tokens = prompt_tokens + @PromptTokens, completion_tokens = completion_tokens + @CompletionTokens,
            cost_nanos = cost_nanos + @CostNanos, error = NULL, lease_owner = NULL, lease_expires_at = NULL,
            verification_status = @VerificationStatus, verification_notes = @VerificationNotes,
            output_artifacts_json = @artifacts, partial = @Partial, skipped = 0,
            completed_at = @now, updated_at = @now
        WHERE {AttemptGuard}
        RETURNING title
        """;

    private const string QueueReadyDependantsSql =
        """
        UPDATE tasks SET status = 'queued', updated_at = @now
        WHERE id IN (SELECT task_id FROM task_dependencies WHERE depends_on_id = @taskId) AND +status = 'pending'
          AND NOT EXISTS (
              SELECT 1 FROM task_dependencies d JOIN tasks t ON t.id = d.depends_on_id
              WHERE d.task_id = tasks.id AND t.plan_id = tasks.plan_id AND t.status <> 'completed')
        RETURNING id
        """;

    public Task<Committed<IReadOnlyList<string>>?> CompleteAsync(AttemptKey key, AttemptResult result, double now, CancellationToken cancellationToken) =>
        database.WriteAsync<Committed<IReadOnlyList<string>>?>(async (c, tx) =>
        {
            var title = c.Prepared(tx, CompleteSql)
                .With("@OutputText", result.OutputText).With("@ModelUsed", result.ModelUsed).With("@PromptTokens", result.PromptTokens)
                .With("@CompletionTokens", result.CompletionTokens).With("@CostNanos", result.CostNanos)
                .With("@VerificationStatus", result.VerificationStatus).With("@VerificationNotes", result.VerificationNotes)
                .With("@artifacts", ArtifactsJson(result.Artifacts)).With("@Partial", result.Partial).With("@now", now)
                .With("@TaskId", key.TaskId).With("@Owner", key.Owner).With("@Attempt", key.Attempt)
                .ExecuteScalar() as string;
            if (title is null)
            {
                return null;
            }
            var ready = await QueueReadyDependantsAsync(c, tx, key.TaskId, now);
            var events = new List<StoredEvent>
            {
                await AppendAsync(c, tx, now, key.ProjectId, "task_complete",
                    result.Partial ? $"Completed '{title}' with a partial result (the budget stopped it)" : $"Completed '{title}'", key.TaskId,
                    new Dictionary<string, object?>
                    {
                        ["cost_usd"] = Money.ToJson(result.CostNanos),
                        ["model"] = result.ModelUsed,
                        ["prompt_tokens"] = result.PromptTokens,
                        ["completion_tokens"] = result.CompletionTokens,
                        ["verification_status"] = result.VerificationStatus,
                        ["verification_notes"] = result.VerificationNotes,
                        ["partial"] = result.Partial,
                        ["artifacts"] = result.Artifacts.Select(a => a.Path).ToList(),
                    }),
            };
            if (await AddKnowledgeAsync(c, tx, key.ProjectId, key.TaskId, title, result.Findings, now) is { } learned)
            {
                events.Add(learned);
            }
            return new Committed<IReadOnlyList<string>>(ready, events);
        }, cancellationToken);

    /// <summary>Dependants waiting only for this task become queued.</summary>
    private static Task<IReadOnlyList<string>> QueueReadyDependantsAsync(SqliteConnection c, IDbTransaction tx, string taskId, double now) =>
        Task.FromResult<IReadOnlyList<string>>(c.Prepared(tx, QueueReadyDependantsSql).With("@now", now).With("@taskId", taskId).Strings());

    /// <summary>Stores the new findings and returns the knowledge_extracted event, or null when nothing was new.</summary>
    private static async Task<StoredEvent?> AddKnowledgeAsync(
        SqliteConnection c, IDbTransaction tx, string projectId, string taskId, string title, IReadOnlyList<NewFinding> findings, double now)
    {
        if (findings.Count == 0)
        {
            return null;
        }
        var added = await KnowledgeRows.InsertAsync(c, tx, projectId, taskId, findings, now);
        if (added.Count == 0)
        {
            return null;
        }
        return await AppendAsync(c, tx, now, projectId, "knowledge_extracted",
            $"Learned {added.Count} finding{(added.Count == 1 ? "" : "s")} from '{title}'", taskId,
            new Dictionary<string, object?>
            {
                ["knowledge_ids"] = added.Select(k => k.Id).ToList(),
                ["categories"] = added.Select(k => k.Category).ToList(),
            });
    }

    private static string ArtifactsJson(IReadOnlyList<OutputArtifact> artifacts) =>
        JsonSerializer.Serialize(artifacts.Select(a => new { type = "file", path = a.Path, bytes = a.Bytes }));
}
