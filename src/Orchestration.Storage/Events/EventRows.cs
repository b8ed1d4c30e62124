using Orchestration.Core.Events;
using System.Data;
using System.Text.Json;
using Orchestration.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Orchestration.Storage.Events;

/// <summary>Appends an event inside a caller's transaction, so the state it reports commits with it.</summary>
internal static class EventRows
{
    public const string Columns = "project_id, seq, run, type, message, task_id, data_json, created_at";

    // NOTE: the next seq is read inside the write transaction (BEGIN IMMEDIATE holds the one write lock),
    // so two appends can never take the same number, and seq order is commit order.
    private const string InsertSql =
        $"""
        INSERT INTO events ({Columns})
        VALUES (@ProjectId,
                COALESCE((SELECT seq FROM events WHERE project_id = @ProjectId ORDER BY seq DESC LIMIT 1), 0) + 1,
                COALESCE((SELECT run FROM execution_runs WHERE project_id = @ProjectId), 0),
                @Type, @Message, @TaskId, @DataJson, @Now)
        RETURNING {Columns}
        """;

    public static Task<StoredEvent> AppendAsync(SqliteConnection connection, IDbTransaction transaction, NewEvent newEvent, double now)
    {
        var stored = connection.Prepared(transaction, InsertSql)
            .With("@ProjectId", newEvent.ProjectId).With("@Type", newEvent.Type).With("@Message", newEvent.Message)
            .With("@TaskId", newEvent.TaskId).With("@DataJson", DataJson(newEvent)).With("@Now", now)
            .FirstOrDefault<StoredEvent>();
        return Task.FromResult(stored!);
    }

    /// <summary>The event's optional fields as the JSON object stored in data_json.</summary>
    public static string DataJson(NewEvent newEvent) =>
        newEvent.Data is null || newEvent.Data.Count == 0 ? "{}" : JsonSerializer.Serialize(newEvent.Data);
}
