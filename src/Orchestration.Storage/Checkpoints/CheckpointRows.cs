using System.Data;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Orchestration.Core.Domain;
using Orchestration.Core.Events;

namespace Orchestration.Storage.Checkpoints;

/// <summary>Opens and closes checkpoints inside a caller's transaction.</summary>
internal static class CheckpointRows
{
    public const string Columns =
        "c.id, c.project_id, c.task_id, t.title AS task_title, c.checkpoint_type, c.summary, c.attempts_json, c.errors_json, " +
        "c.question, c.resolution, c.response, c.created_at, c.resolved_at";

    public const string From = "checkpoints c LEFT JOIN tasks t ON t.id = c.task_id";

    // The events that tell the story of a task's attempts since a person last restarted it (a task_retry not caused
    // by a transient failure). A checkpoint's attempts are these, oldest first, then the final one.
    public static readonly string[] AttemptEvents = [EventTypes.TaskRetry, EventTypes.TaskVerificationRetry, EventTypes.TaskInterrupted];

    /// <summary>Opens a checkpoint for the task. Its attempts are the task's retry events since the last manual
    /// retry, then <paramref name="finalAttempt"/>.</summary>
    public static async Task<CheckpointRecord> OpenAsync(
        SqliteConnection c, IDbTransaction tx, string projectId, string taskId, NewCheckpoint checkpoint, string finalAttempt, double now)
    {
        var since = await c.ExecuteScalarAsync<long?>(
            $"""
            SELECT MAX(seq) FROM events
            WHERE project_id = @projectId AND task_id = @taskId AND type = '{EventTypes.TaskRetry}'
              AND COALESCE(json_extract(data_json, '$.reason'), '') <> 'transient_failure'
            """,
            new { projectId, taskId }, tx) ?? 0;
        var history = await c.QueryAsync<(string Message, double CreatedAt)>(
            "SELECT message, created_at FROM events WHERE project_id = @projectId AND task_id = @taskId AND seq > @since AND type IN @AttemptEvents ORDER BY seq",
            new { projectId, taskId, since, AttemptEvents }, tx);
        var id = Ids.New();
        await c.ExecuteAsync(
            """
            INSERT INTO checkpoints (id, project_id, task_id, checkpoint_type, summary, attempts_json, errors_json, question, created_at)
            VALUES (@id, @projectId, @taskId, @CheckpointType, @Summary, @attempts, @errors, @Question, @now)
            """,
            new
            {
                id, projectId, taskId, checkpoint.CheckpointType, checkpoint.Summary, checkpoint.Question, now,
                attempts = AttemptsJson(history, finalAttempt, now), errors = JsonSerializer.Serialize(checkpoint.Errors),
            }, tx);
        return await GetAsync(c, tx, id);
    }

    /// <summary>attempts_json: the earlier attempts' events (message, time), then the final attempt.</summary>
    public static string AttemptsJson(IEnumerable<(string Message, double CreatedAt)> history, string finalAttempt, double now) =>
        JsonSerializer.Serialize(history.Select(h => new { message = h.Message, timestamp = h.CreatedAt })
            .Append(new { message = finalAttempt, timestamp = now }).ToList());

    /// <summary>Closes the task's open checkpoint, if any (a review or a cancel settled what it waited for).</summary>
    public static Task<string?> CloseOpenAsync(SqliteConnection c, IDbTransaction tx, string taskId, string resolution, string response, double now) =>
        c.ExecuteScalarAsync<string?>(
            """
            UPDATE checkpoints SET resolution = @resolution, response = @response, resolved_at = @now
            WHERE task_id = @taskId AND resolved_at IS NULL
            RETURNING id
            """, new { taskId, resolution, response, now }, tx);

    public static Task<CheckpointRecord> GetAsync(SqliteConnection c, IDbTransaction? tx, string id) =>
        c.QuerySingleAsync<CheckpointRecord>($"SELECT {Columns} FROM {From} WHERE c.id = @id", new { id }, tx);
}
