using System.Data;
using Dapper;
using Orchestration.Core.Events;

namespace Orchestration.Storage.Events;

/// <summary>Appends an event inside a caller's PostgreSQL transaction, so the state it reports commits with it. Every
/// append of the PostgreSQL backend goes through here: the numbers come from the project's counter row.</summary>
internal static class PostgresEventRows
{
    // NOTE: the project's counter row (event_sequences) is bumped first and stays locked until the transaction ends, so
    // two appends can never take the same number, a rollback gives its number back, and seq order is commit order.
    // A project's first append starts its counter after any events already stored (copied in from elsewhere).
    private const string InsertSql =
        $"""
        WITH next AS (
            INSERT INTO event_sequences AS s (project_id, seq)
            VALUES (@ProjectId, COALESCE((SELECT MAX(seq) FROM events WHERE project_id = @ProjectId), 0) + 1)
            ON CONFLICT (project_id) DO UPDATE SET seq = s.seq + 1
            RETURNING seq
        )
        INSERT INTO events ({EventRows.Columns})
        SELECT @ProjectId, next.seq, COALESCE((SELECT run FROM execution_runs WHERE project_id = @ProjectId), 0),
               @Type, @Message, @TaskId, @DataJson, @Now
        FROM next
        RETURNING {EventRows.Columns}
        """;

    public static Task<StoredEvent> AppendAsync(IDbConnection connection, IDbTransaction transaction, NewEvent newEvent, double now) =>
        connection.QuerySingleAsync<StoredEvent>(InsertSql, new
        {
            newEvent.ProjectId, newEvent.Type, newEvent.Message, newEvent.TaskId, DataJson = EventRows.DataJson(newEvent), Now = now,
        }, transaction);
}
