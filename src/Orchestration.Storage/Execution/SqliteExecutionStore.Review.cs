using System.Data;
using Dapper;
using Microsoft.Data.Sqlite;
using Orchestration.Core.Lifecycle;
using Orchestration.Storage.Checkpoints;
using Orchestration.Storage.Events;
using Orchestration.Storage.Knowledge;

namespace Orchestration.Storage.Execution;

// A person's answer to a task that waits (review approve/retry, checkpoint resolve).
internal sealed partial class SqliteExecutionStore : IReviewStore
{
    public Task<Committed<TaskActionOutcome>?> ApproveAsync(string ownerId, string taskId, IReadOnlyList<NewFinding> findings, double now,
        CancellationToken cancellationToken) =>
        database.WriteAsync<Committed<TaskActionOutcome>?>(async (c, tx) =>
        {
            var row = await OwnedTaskAsync(c, tx, ownerId, taskId);
            if (row is null)
            {
                return null;
            }
            if (RefuseWaiting(row, "approved", out var refusal))
            {
                return Refused(row, refusal);
            }
            var hasOutput = await c.ExecuteScalarAsync<bool>(
                "SELECT output_text IS NOT NULL AND length(trim(output_text)) > 0 FROM tasks WHERE id = @taskId", new { taskId }, tx);
            if (!hasOutput)
            {
                return Refused(row, $"'{row.Title}' has no output to approve; retry it or resolve its checkpoint.");
            }
            await c.ExecuteAsync(
                """
                UPDATE tasks SET status = 'completed', error = NULL, skipped = 0, completed_at = @now, updated_at = @now
                WHERE id = @taskId AND status = 'needs_review'
                """, new { taskId, now }, tx);
            await CheckpointRows.CloseOpenAsync(c, tx, taskId, "approved", "approved by review", now);
            await ReconcileAsync(c, tx, row.ProjectId, now);
            var events = new List<StoredEvent>
            {
                await AppendAsync(c, tx, now, row.ProjectId, "task_complete", $"'{row.Title}' approved by review", taskId,
                    new Dictionary<string, object?> { ["review"] = "approved", ["cost_usd"] = 0 }),
            };
            if (await AddKnowledgeAsync(c, tx, row.ProjectId, taskId, row.Title, findings, now) is { } learned)
            {
                events.Add(learned);
            }
            return new Committed<TaskActionOutcome>(new TaskActionOutcome(taskId, row.ProjectId, row.ProjectStatus, null), events);
        }, cancellationToken);

    public Task<Committed<TaskActionOutcome>?> RetryWithFeedbackAsync(string ownerId, string taskId, FeedbackEntry? feedback, int maxManualRetries,
        double now, CancellationToken cancellationToken) =>
        database.WriteAsync<Committed<TaskActionOutcome>?>(async (c, tx) =>
        {
            var row = await OwnedTaskAsync(c, tx, ownerId, taskId);
            if (row is null)
            {
                return null;
            }
            if (RefuseWaiting(row, "retried", out var refusal) || RefuseRetryLimit(row, maxManualRetries, out refusal))
            {
                return Refused(row, refusal);
            }
            await CheckpointRows.CloseOpenAsync(c, tx, taskId, "retry", feedback?.Text ?? "retried by review", now);
            var e = await RestartAsync(c, tx, row, feedback, "review", now);
            return new Committed<TaskActionOutcome>(new TaskActionOutcome(taskId, row.ProjectId, row.ProjectStatus, null), [e]);
        }, cancellationToken);

    /// <summary>needs_review → pending with the feedback for the next attempt, then readiness from its dependencies.</summary>
    private static async Task<StoredEvent> RestartAsync(SqliteConnection c, IDbTransaction tx, OwnedTaskRow row, FeedbackEntry? feedback, string reason, double now)
    {
        var feedbackJson = await c.ExecuteScalarAsync<string>("SELECT feedback_json FROM tasks WHERE id = @Id", new { row.Id }, tx);
        await c.ExecuteAsync(
            """
            UPDATE tasks SET status = 'pending', error = NULL, not_before = NULL, verification_status = NULL, verification_notes = NULL,
                feedback_json = @feedbackJson, auto_retries_used = 0, manual_retries = manual_retries + 1, retry_count = retry_count + 1,
                partial = 0, skipped = 0, completed_at = NULL, updated_at = @now
            WHERE id = @Id AND status = 'needs_review'
            """, new { row.Id, now, feedbackJson = feedback is null ? feedbackJson : FeedbackLog.Append(feedbackJson, feedback) }, tx);
        await ReconcileAsync(c, tx, row.ProjectId, now);
        return await AppendAsync(c, tx, now, row.ProjectId, "task_retry",
            $"Retry of '{row.Title}' requested" + (feedback is null ? "" : " with feedback"), row.Id,
            new Dictionary<string, object?> { ["reason"] = reason, ["retry"] = row.ManualRetries + 1, ["feedback"] = feedback?.Text });
    }

    private static bool RefuseWaiting(OwnedTaskRow row, string action, out string? refusal)
    {
        refusal = row.ProjectStatus == "cancelled" ? "The project is cancelled."
            : row.Status != "needs_review" ? new IllegalTransitionException("task", row.Status, action).Message
              + " Only a task waiting for review can be " + action + "."
            : null;
        return refusal is not null;
    }

    private static Committed<TaskActionOutcome> Refused(OwnedTaskRow row, string? refusal) =>
        new(new TaskActionOutcome(row.Id, row.ProjectId, row.ProjectStatus, refusal), []);
}
