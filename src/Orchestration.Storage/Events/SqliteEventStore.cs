using Orchestration.Core.Events;
using Dapper;
using Orchestration.Storage.Sqlite;

namespace Orchestration.Storage.Events;

internal sealed class SqliteEventStore(SqliteDatabase database) : IEventStore
{
    public Task<StoredEvent> AppendAsync(NewEvent newEvent, double now, CancellationToken cancellationToken) =>
        database.WriteAsync((c, tx) => EventRows.AppendAsync(c, tx, newEvent, now), cancellationToken);

    public Task<IReadOnlyList<StoredEvent>> ReadAfterAsync(string projectId, long afterSeq, int limit, CancellationToken cancellationToken) =>
        database.ReadAsync(async c => (IReadOnlyList<StoredEvent>)(await c.QueryAsync<StoredEvent>(new CommandDefinition(
            $"SELECT {EventRows.Columns} FROM events WHERE project_id = @projectId AND seq > @afterSeq ORDER BY seq LIMIT @limit",
            new { projectId, afterSeq, limit }, cancellationToken: cancellationToken))).AsList(), cancellationToken);

    public Task<long> LatestRunStartAsync(string projectId, CancellationToken cancellationToken) =>
        database.ReadAsync(c => c.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            SELECT COALESCE(MIN(seq) - 1, 0) FROM events
            WHERE project_id = @projectId AND run = (SELECT MAX(run) FROM events WHERE project_id = @projectId)
            """, new { projectId }, cancellationToken: cancellationToken)), cancellationToken);

    public Task<(IReadOnlyList<StoredEvent> Items, long Total)> HistoryAsync(
        string projectId, int offset, int limit, CancellationToken cancellationToken) =>
        database.ReadAsync(async c =>
        {
            var total = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM events WHERE project_id = @projectId", new { projectId });
            var items = (await c.QueryAsync<StoredEvent>(
                $"SELECT {EventRows.Columns} FROM events WHERE project_id = @projectId ORDER BY seq DESC LIMIT @limit OFFSET @offset",
                new { projectId, limit, offset })).AsList();
            return ((IReadOnlyList<StoredEvent>)items, total);
        }, cancellationToken);
}
