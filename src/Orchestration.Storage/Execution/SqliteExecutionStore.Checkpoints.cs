using Dapper;
using Orchestration.Core.Domain;
using Orchestration.Storage.Checkpoints;
using Orchestration.Storage.Events;
using Orchestration.Storage.Knowledge;

namespace Orchestration.Storage.Execution;

// Resolving a checkpoint (api.md: POST /api/checkpoints/{id}/resolve).
internal sealed partial class SqliteExecutionStore
{
    public Task<Committed<CheckpointResolution>?> ResolveCheckpointAsync(string ownerId, string checkpointId, CheckpointDecision decision,
        int maxManualRetries, double now, CancellationToken cancellationToken) =>
        database.WriteAsync<Committed<CheckpointResolution>?>(async (c, tx) =>
        {
            var checkpoint = await c.QuerySingleOrDefaultAsync<CheckpointRecord>(
                $"""
                SELECT {CheckpointRows.Columns} FROM {CheckpointRows.From}
                JOIN projects p ON p.id = c.project_id AND p.owner_id = @ownerId
                WHERE c.id = @checkpointId
                """, new { checkpointId, ownerId }, tx);
            if (checkpoint is null)
            {
                return null;
            }
            var row = checkpoint.TaskId is null ? null : await OwnedTaskAsync(c, tx, ownerId, checkpoint.TaskId);
            var refusal = checkpoint.ResolvedAt is not null ? $"The checkpoint was already resolved ({checkpoint.Resolution})."
                : row is null ? "The checkpoint's task no longer exists."
                : RefuseWaiting(row, decision.Action == "fail" ? "failed" : decision.Action == "skip" ? "skipped" : "retried", out var waiting) ? waiting
                : decision.Action == "retry" && RefuseRetryLimit(row, maxManualRetries, out var limit) ? limit
                : null;
            if (refusal is not null)
            {
                return new Committed<CheckpointResolution>(new CheckpointResolution(checkpoint, refusal), []);
            }
            var task = row!;
            var guidance = string.IsNullOrWhiteSpace(decision.Guidance) ? null : decision.Guidance.Trim();
            await c.ExecuteAsync(
                "UPDATE checkpoints SET resolution = @Action, response = @guidance, resolved_at = @now WHERE id = @checkpointId",
                new { decision.Action, guidance, now, checkpointId }, tx);
            var events = new List<StoredEvent>
            {
                await AppendAsync(c, tx, now, task.ProjectId, "checkpoint_resolved",
                    $"Checkpoint on '{task.Title}' resolved: {decision.Action}" + (guidance is null ? "" : $" ({guidance})"), task.Id,
                    new Dictionary<string, object?> { ["checkpoint_id"] = checkpointId, ["action"] = decision.Action, ["guidance"] = guidance }),
            };
            events.AddRange(decision.Action switch
            {
                "retry" => [await RestartAsync(c, tx, task, guidance is null ? null : new FeedbackEntry("checkpoint", guidance, now), "checkpoint", now)],
                "skip" => await SkipAsync(c, tx, task, now),
                _ => await FailAtCheckpointAsync(c, tx, task, guidance, now),
            });
            if (!string.IsNullOrWhiteSpace(decision.Gotcha)
                && await AddKnowledgeAsync(c, tx, task.ProjectId, task.Id, task.Title,
                    [new NewFinding(KnowledgeCategory.Gotcha.ToWire(), decision.Gotcha.Trim())], now) is { } learned)
            {
                events.Add(learned);
            }
            return new Committed<CheckpointResolution>(new CheckpointResolution(await CheckpointRows.GetAsync(c, tx, checkpointId), null), events);
        }, cancellationToken);

    /// <summary>The task counts as done without output: its dependants run, told that it was skipped.</summary>
    private static async Task<IReadOnlyList<StoredEvent>> SkipAsync(Microsoft.Data.Sqlite.SqliteConnection c, System.Data.IDbTransaction tx,
        OwnedTaskRow task, double now)
    {
        await c.ExecuteAsync(
            """
            UPDATE tasks SET status = 'completed', skipped = 1, error = NULL, completed_at = @now, updated_at = @now
            WHERE id = @Id AND status = 'needs_review'
            """, new { task.Id, now }, tx);
        await ReconcileAsync(c, tx, task.ProjectId, now);
        return [];
    }

    private static async Task<IReadOnlyList<StoredEvent>> FailAtCheckpointAsync(Microsoft.Data.Sqlite.SqliteConnection c, System.Data.IDbTransaction tx,
        OwnedTaskRow task, string? guidance, double now)
    {
        var error = "Failed at a checkpoint by a person" + (guidance is null ? "." : $": {guidance}");
        await c.ExecuteAsync(
            "UPDATE tasks SET status = 'failed', error = @error, updated_at = @now WHERE id = @Id AND status = 'needs_review'",
            new { task.Id, error, now }, tx);
        var blocked = await BlockDownstreamAsync(c, tx, task.Id, now);
        return
        [
            await AppendAsync(c, tx, now, task.ProjectId, "task_failed",
                $"'{task.Title}' failed at its checkpoint" + (blocked.Count > 0 ? $"; {blocked.Count} dependent tasks blocked" : ""), task.Id,
                new Dictionary<string, object?> { ["blocked_task_ids"] = blocked, ["reason"] = "checkpoint" }),
        ];
    }
}
