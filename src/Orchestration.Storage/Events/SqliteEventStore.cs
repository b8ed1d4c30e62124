using Orchestration.Core.Events;
using Orchestration.Storage.Sqlite;

namespace Orchestration.Storage.Events;

internal sealed class SqliteEventStore(SqliteDatabase database) : IEventStore
{
    public Task<StoredEvent> AppendAsync(NewEvent newEvent, double now, CancellationToken cancellationToken) =>
        database.WriteAsync((c, tx) => EventRows.AppendAsync(c, tx, newEvent, now), cancellationToken);

    public Task<IReadOnlyList<StoredEvent>> ReadAfterAsync(string projectId, long afterSeq, int limit, CancellationToken cancellationToken) =>
        database.ReadAsync(c => EventQueries.ReadAfterAsync(c, projectId, afterSeq, limit, cancellationToken), cancellationToken);

    public Task<long> LatestRunStartAsync(string projectId, CancellationToken cancellationToken) =>
        database.ReadAsync(c => EventQueries.LatestRunStartAsync(c, projectId, cancellationToken), cancellationToken);

    public Task<(IReadOnlyList<StoredEvent> Items, long Total)> HistoryAsync(
        string projectId, int offset, int limit, CancellationToken cancellationToken) =>
        database.ReadAsync(c => EventQueries.HistoryAsync(c, projectId, offset, limit), cancellationToken);
}
