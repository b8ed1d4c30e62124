using System.Data;
using System.Text.Json;
using Dapper;
using Orchestration.Core.Domain;
using Orchestration.Core.Events;

namespace Orchestration.Storage.Checkpoints;

/// <summary>Opens checkpoints inside a caller's PostgreSQL transaction (<see cref="CheckpointRows"/> on SQLite).</summary>
internal static class PostgresCheckpointRows
{
    /// <summary>Opens a checkpoint for the task. Its attempts are the task's retry events since the last manual
    /// retry, then <paramref name="finalAttempt"/>.</summary>
    public static async Task<CheckpointRecord> OpenAsync(
        IDbConnection c, IDbTransaction tx, string projectId, string taskId, NewCheckpoint checkpoint, string finalAttempt, double now)
    {
        var since = await c.ExecuteScalarAsync<long?>(
            $"""
            SELECT MAX(seq) FROM events
            WHERE project_id = @projectId AND task_id = @taskId AND type = '{EventTypes.TaskRetry}'
              AND COALESCE(json_field_or_null(data_json, 'reason'), '') <> 'transient_failure'
            """,
            new { projectId, taskId }, tx) ?? 0;
        var history = await c.QueryAsync<(string Message, double CreatedAt)>(
            """
            SELECT message, created_at FROM events
            WHERE project_id = @projectId AND task_id = @taskId AND seq > @since AND type = ANY(@attemptEvents)
            ORDER BY seq
            """,
            new { projectId, taskId, since, attemptEvents = CheckpointRows.AttemptEvents }, tx);
        var id = Ids.New();
        return await c.QuerySingleAsync<CheckpointRecord>(
            $"""
            WITH c AS (
                INSERT INTO checkpoints (id, project_id, task_id, checkpoint_type, summary, attempts_json, errors_json, question, created_at)
                VALUES (@id, @projectId, @taskId, @CheckpointType, @Summary, @attempts, @errors, @Question, @now)
                RETURNING *
            )
            SELECT {CheckpointRows.Columns} FROM c LEFT JOIN tasks t ON t.id = c.task_id
            """,
            new
            {
                id, projectId, taskId, checkpoint.CheckpointType, checkpoint.Summary, checkpoint.Question, now,
                attempts = CheckpointRows.AttemptsJson(history, finalAttempt, now), errors = JsonSerializer.Serialize(checkpoint.Errors),
            }, tx);
    }
}
