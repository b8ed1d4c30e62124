using Dapper;
using Orchestration.Core.Domain;
using Orchestration.Core.Lifecycle;
using Orchestration.Storage.Events;

namespace Orchestration.Storage.Execution;

// A user's actions on single tasks (api.md: POST /api/tasks/{id}/retry | /cancel | /bulk).
internal sealed partial class SqliteExecutionStore
{
    public Task<Committed<TaskActionOutcome>?> RetryTaskAsync(string ownerId, string taskId, int maxManualRetries, double now,
        CancellationToken cancellationToken) =>
        database.WriteAsync<Committed<TaskActionOutcome>?>(async (c, tx) =>
        {
            var row = await OwnedTaskAsync(c, tx, ownerId, taskId);
            if (row is null)
            {
                return null;
            }
            if (Refuse(row, TaskItemStatus.Pending, out var refusal) || RefuseRetryLimit(row, maxManualRetries, out refusal))
            {
                return new Committed<TaskActionOutcome>(new TaskActionOutcome(taskId, row.ProjectId, row.ProjectStatus, refusal), []);
            }
            await c.ExecuteAsync(
                """
                UPDATE tasks SET status = 'pending', error = NULL, not_before = NULL, lease_owner = NULL, lease_expires_at = NULL,
                    auto_retries_used = 0, manual_retries = manual_retries + 1, retry_count = retry_count + 1,
                    completed_at = NULL, updated_at = @now
                WHERE id = @taskId AND status = @Status
                """, new { taskId, row.Status, now }, tx);
            // Readiness of this task and of everything it blocked is derived again from its dependencies.
            await ReconcileAsync(c, tx, row.ProjectId, now);
            var e = await AppendAsync(c, tx, now, row.ProjectId, "task_retry", $"Retry of '{row.Title}' requested", taskId,
                new Dictionary<string, object?> { ["reason"] = "manual", ["retry"] = row.ManualRetries + 1 });
            return new Committed<TaskActionOutcome>(new TaskActionOutcome(taskId, row.ProjectId, row.ProjectStatus, null), [e]);
        }, cancellationToken);

    public Task<Committed<TaskActionOutcome>?> CancelTaskAsync(string ownerId, string taskId, double now, CancellationToken cancellationToken) =>
        database.WriteAsync<Committed<TaskActionOutcome>?>(async (c, tx) =>
        {
            var row = await OwnedTaskAsync(c, tx, ownerId, taskId);
            if (row is null)
            {
                return null;
            }
            if (Refuse(row, TaskItemStatus.Cancelled, out var refusal))
            {
                return new Committed<TaskActionOutcome>(new TaskActionOutcome(taskId, row.ProjectId, row.ProjectStatus, refusal), []);
            }
            await c.ExecuteAsync(
                """
                UPDATE tasks SET status = 'cancelled', not_before = NULL, lease_owner = NULL, lease_expires_at = NULL, updated_at = @now
                WHERE id = @taskId AND status = @Status
                """, new { taskId, row.Status, now }, tx);
            await Checkpoints.CheckpointRows.CloseOpenAsync(c, tx, taskId, "cancelled", "task cancelled", now);
            var blocked = await BlockDownstreamAsync(c, tx, taskId, now);
            var e = await AppendAsync(c, tx, now, row.ProjectId, "task_cancelled",
                $"'{row.Title}' cancelled" + (blocked.Count > 0 ? $"; {blocked.Count} dependent tasks blocked" : ""), taskId,
                new Dictionary<string, object?> { ["blocked_task_ids"] = blocked, ["was_running"] = row.Status == "running" });
            return new Committed<TaskActionOutcome>(new TaskActionOutcome(taskId, row.ProjectId, row.ProjectStatus, null), [e]);
        }, cancellationToken);

    private static Task<OwnedTaskRow?> OwnedTaskAsync(Microsoft.Data.Sqlite.SqliteConnection c, System.Data.IDbTransaction tx, string ownerId, string taskId) =>
        c.QuerySingleOrDefaultAsync<OwnedTaskRow>(
            """
            SELECT t.id, t.project_id, t.title, t.status, t.manual_retries, p.status AS project_status
            FROM tasks t JOIN projects p ON p.id = t.project_id
            WHERE t.id = @taskId AND p.owner_id = @ownerId
            """, new { taskId, ownerId }, tx);

    private static bool Refuse(OwnedTaskRow row, TaskItemStatus to, out string? refusal)
    {
        refusal = null;
        if (row.ProjectStatus == ProjectStatus.Cancelled.ToWire())
        {
            refusal = "The project is cancelled.";
        }
        else if (to == TaskItemStatus.Pending ? row.Status is not ("failed" or "cancelled") : !TaskTransitions.CanMove(WireNames.Parse<TaskItemStatus>(row.Status), to))
        {
            // A retry restarts a task that ended without success; review and checkpoints have their own endpoints.
            refusal = new IllegalTransitionException("task", row.Status, to == TaskItemStatus.Pending ? "retry" : to.ToWire()).Message;
        }
        return refusal is not null;
    }

    private static bool RefuseRetryLimit(OwnedTaskRow row, int maxManualRetries, out string? refusal)
    {
        refusal = row.ManualRetries >= maxManualRetries
            ? $"The task was already retried by hand {row.ManualRetries} times (execution.max_task_retries = {maxManualRetries})."
            : null;
        return refusal is not null;
    }

    private sealed class OwnedTaskRow
    {
        public string Id { get; init; } = "";
        public string ProjectId { get; init; } = "";
        public string Title { get; init; } = "";
        public string Status { get; init; } = "";
        public long ManualRetries { get; init; }
        public string ProjectStatus { get; init; } = "";
    }
}
