using System.Data;
using Dapper;

namespace Orchestration.Storage.Events;

/// <summary>Reads of the event log, in SQL every backend shares. Appends differ per backend (<see cref="EventRows"/>,
/// <see cref="PostgresEventRows"/>), because each numbers events its own way.</summary>
internal static class EventQueries
{
    public static async Task<IReadOnlyList<StoredEvent>> ReadAfterAsync(
        IDbConnection c, string projectId, long afterSeq, int limit, CancellationToken cancellationToken) =>
        (await c.QueryAsync<StoredEvent>(new CommandDefinition(
            $"SELECT {EventRows.Columns} FROM events WHERE project_id = @projectId AND seq > @afterSeq ORDER BY seq LIMIT @limit",
            new { projectId, afterSeq, limit }, cancellationToken: cancellationToken))).AsList();

    public static Task<long> LatestRunStartAsync(IDbConnection c, string projectId, CancellationToken cancellationToken) =>
        c.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            SELECT COALESCE(MIN(seq) - 1, 0) FROM events
            WHERE project_id = @projectId AND run = (SELECT MAX(run) FROM events WHERE project_id = @projectId)
            """, new { projectId }, cancellationToken: cancellationToken));

    public static async Task<(IReadOnlyList<StoredEvent> Items, long Total)> HistoryAsync(IDbConnection c, string projectId, int offset, int limit)
    {
        var total = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM events WHERE project_id = @projectId", new { projectId });
        var items = (await c.QueryAsync<StoredEvent>(
            $"SELECT {EventRows.Columns} FROM events WHERE project_id = @projectId ORDER BY seq DESC LIMIT @limit OFFSET @offset",
            new { projectId, limit, offset })).AsList();
        return (items, total);
    }
}
