using Orchestration.Core.Events;
using Orchestration.Storage.Postgres;

namespace Orchestration.Storage.Events;

/// <summary>The event log on PostgreSQL: an append is numbered from the project's counter row (<see cref="PostgresEventRows"/>).</summary>
internal sealed class PostgresEventStore(PostgresDatabase database) : IEventStore
{
    public Task<StoredEvent> AppendAsync(NewEvent newEvent, double now, CancellationToken cancellationToken) =>
        database.WriteAsync((c, tx) => PostgresEventRows.AppendAsync(c, tx, newEvent, now), cancellationToken);

    public Task<IReadOnlyList<StoredEvent>> ReadAfterAsync(string projectId, long afterSeq, int limit, CancellationToken cancellationToken) =>
        database.ReadAsync(c => EventQueries.ReadAfterAsync(c, projectId, afterSeq, limit, cancellationToken), cancellationToken);

    public Task<long> LatestRunStartAsync(string projectId, CancellationToken cancellationToken) =>
        database.ReadAsync(c => EventQueries.LatestRunStartAsync(c, projectId, cancellationToken), cancellationToken);

    public Task<(IReadOnlyList<StoredEvent> Items, long Total)> HistoryAsync(
        string projectId, int offset, int limit, CancellationToken cancellationToken) =>
        database.ReadAsync(c => EventQueries.HistoryAsync(c, projectId, offset, limit), cancellationToken);
}
