using System.Data;
using Dapper;
using Microsoft.Data.Sqlite;
using Orchestration.Core.Domain;
using Orchestration.Storage.Checkpoints;
using Orchestration.Storage.Events;

namespace Orchestration.Storage.Execution;

// Attempt outcomes decided by verification: a retry with the verifier's notes, or a task that waits for a person.
internal sealed partial class SqliteExecutionStore
{
    public Task<Committed<bool>?> VerificationRetryAsync(AttemptKey key, AttemptResult result, FeedbackEntry feedback, string? escalateTo,
        double now, CancellationToken cancellationToken) =>
        database.WriteAsync<Committed<bool>?>(async (c, tx) =>
        {
            var current = await c.QuerySingleOrDefaultAsync<(string FeedbackJson, string ModelTier)>(
                $"SELECT feedback_json, model_tier FROM tasks WHERE {AttemptGuard}", new { key.TaskId, key.Owner, key.Attempt }, tx);
            if (current == default)
            {
                return null;
            }
            var row = await c.QuerySingleAsync<(string Title, long AutoRetriesUsed, string ModelTier)>(
                $"""
                UPDATE tasks SET status = 'queued', not_before = NULL, output_text = @OutputText, model_used = @ModelUsed,
                    prompt_tokens = prompt_tokens + @PromptTokens, completion_tokens = completion_tokens + @CompletionTokens,
                    cost_nanos = cost_nanos + @CostNanos, verification_status = 'gaps_found', verification_notes = @Text,
                    feedback_json = @feedbackJson, model_tier = COALESCE(@escalateTo, model_tier), error = NULL,
                    auto_retries_used = auto_retries_used + 1, retry_count = retry_count + 1,
                    lease_owner = NULL, lease_expires_at = NULL, updated_at = @now
                WHERE {AttemptGuard}
                RETURNING title, auto_retries_used, model_tier
                """, new
                {
                    result.OutputText, result.ModelUsed, result.PromptTokens, result.CompletionTokens, result.CostNanos, feedback.Text,
                    feedbackJson = FeedbackLog.Append(current.FeedbackJson, feedback), escalateTo, now, key.TaskId, key.Owner, key.Attempt,
                }, tx);
            var escalated = escalateTo is not null && escalateTo != current.ModelTier;
            var e = await AppendAsync(c, tx, now, key.ProjectId, "task_verification_retry",
                $"'{row.Title}' attempt {key.Attempt}: the verifier found gaps; retry {row.AutoRetriesUsed} with its notes" +
                (escalated ? $" on {row.ModelTier} (was {current.ModelTier})" : ""), key.TaskId,
                new Dictionary<string, object?>
                {
                    ["verification_status"] = "gaps_found",
                    ["verification_notes"] = feedback.Text,
                    ["retry"] = row.AutoRetriesUsed,
                    ["model_tier"] = row.ModelTier,
                    ["escalated_from"] = escalated ? current.ModelTier : null,
                    ["cost_usd"] = Money.ToJson(result.CostNanos),
                });
            return new Committed<bool>(true, [e]);
        }, cancellationToken);

    public Task<Committed<IReadOnlyList<string>>?> WaitForPeopleAsync(AttemptKey key, AttemptResult? result, PeopleWait wait, double now,
        CancellationToken cancellationToken) =>
        database.WriteAsync<Committed<IReadOnlyList<string>>?>(async (c, tx) =>
        {
            var title = await c.ExecuteScalarAsync<string?>(
                $"""
                UPDATE tasks SET status = 'needs_review', output_text = COALESCE(@OutputText, output_text),
                    model_used = COALESCE(@ModelUsed, model_used),
                    prompt_tokens = prompt_tokens + @PromptTokens, completion_tokens = completion_tokens + @CompletionTokens,
                    cost_nanos = cost_nanos + @CostNanos, verification_status = COALESCE(@VerificationStatus, verification_status),
                    verification_notes = COALESCE(@VerificationNotes, verification_notes), error = @Error,
                    lease_owner = NULL, lease_expires_at = NULL, not_before = NULL, updated_at = @now
                WHERE {AttemptGuard}
                RETURNING title
                """, new
                {
                    result?.OutputText, result?.ModelUsed, PromptTokens = result?.PromptTokens ?? 0, CompletionTokens = result?.CompletionTokens ?? 0,
                    CostNanos = result?.CostNanos ?? 0, result?.VerificationStatus, result?.VerificationNotes, wait.Error,
                    now, key.TaskId, key.Owner, key.Attempt,
                }, tx);
            if (title is null)
            {
                return null;
            }
            var blocked = await BlockDownstreamAsync(c, tx, key.TaskId, now);
            var events = new List<StoredEvent>();
            if (result is not null)
            {
                events.Add(await AppendAsync(c, tx, now, key.ProjectId, "task_needs_review", wait.Message, key.TaskId,
                    new Dictionary<string, object?>
                    {
                        ["reason"] = wait.Reason,
                        ["verification_status"] = result.VerificationStatus,
                        ["verification_notes"] = result.VerificationNotes,
                        ["blocked_task_ids"] = blocked,
                        ["cost_usd"] = Money.ToJson(result.CostNanos),
                    }));
            }
            if (wait.Checkpoint is { } checkpoint)
            {
                events.Add(await OpenCheckpointAsync(c, tx, key, checkpoint, wait, blocked, now));
            }
            return new Committed<IReadOnlyList<string>>(blocked, events);
        }, cancellationToken);

    public Task<Committed<bool>?> AnnounceWaitingAsync(string projectId, double now, CancellationToken cancellationToken) =>
        database.WriteAsync<Committed<bool>?>(async (c, tx) =>
        {
            if (!await IsExecutingAsync(c, tx, projectId))
            {
                return null;
            }
            var waiting = (await c.QueryAsync<(string Id, string Title, string? CheckpointId)>(
                $"""
                SELECT id, title, (SELECT k.id FROM checkpoints k WHERE k.task_id = tasks.id AND k.resolved_at IS NULL) AS checkpoint_id
                FROM tasks WHERE {CurrentTasks} AND status = 'needs_review'
                ORDER BY task_index
                """, new { projectId }, tx)).AsList();
            if (waiting.Count == 0)
            {
                return null;
            }
            var what = string.Join("; ", waiting.Select(w => w.CheckpointId is null ? $"'{w.Title}' needs review" : $"'{w.Title}' has an open checkpoint"));
            var e = await AppendAsync(c, tx, now, projectId, "project_waiting",
                $"Waiting for people: {what}. Nothing else can run until then; the project stays executing.",
                data: new Dictionary<string, object?>
                {
                    ["task_ids"] = waiting.Select(w => w.Id).ToList(),
                    ["checkpoint_ids"] = waiting.Where(w => w.CheckpointId is not null).Select(w => w.CheckpointId).ToList(),
                });
            return new Committed<bool>(true, [e]);
        }, cancellationToken);

    private static async Task<StoredEvent> OpenCheckpointAsync(
        SqliteConnection c, IDbTransaction tx, AttemptKey key, NewCheckpoint checkpoint, PeopleWait wait, IReadOnlyList<string> blocked, double now)
    {
        var final = $"Attempt {key.Attempt}: " + (wait.Error ?? (checkpoint.Errors.Count > 0 ? checkpoint.Errors[^1] : wait.Reason));
        var opened = await CheckpointRows.OpenAsync(c, tx, key.ProjectId, key.TaskId, checkpoint, final, now);
        return await AppendAsync(c, tx, now, key.ProjectId, "checkpoint",
            // NOTE: the summary (with error text) stays in the checkpoint, readable by the owner; the event is generic.
            $"Checkpoint on '{opened.TaskTitle}' ({wait.Reason.Replace('_', ' ')}): waiting for a person. {checkpoint.Question}", key.TaskId,
            new Dictionary<string, object?>
            {
                ["checkpoint_id"] = opened.Id,
                ["checkpoint_type"] = opened.CheckpointType,
                ["question"] = opened.Question,
                ["blocked_task_ids"] = blocked,
            });
    }
}
