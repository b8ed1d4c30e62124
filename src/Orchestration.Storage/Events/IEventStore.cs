using Orchestration.Core.Events;
namespace Orchestration.Storage.Events;

/// <summary>The per-project event log: appended with the next sequence number, read back in order.</summary>
public interface IEventStore
{
    /// <summary>Appends in its own transaction. Callers that change state should append in the same
    /// transaction instead (the execution store does).</summary>
    Task<StoredEvent> AppendAsync(NewEvent newEvent, double now, CancellationToken cancellationToken);

    /// <summary>Events with seq &gt; <paramref name="afterSeq"/>, oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<StoredEvent>> ReadAfterAsync(string projectId, long afterSeq, int limit, CancellationToken cancellationToken);

    /// <summary>The seq just before the first event of the project's latest run (0 when it has none):
    /// a stream without Last-Event-ID starts after it.</summary>
    Task<long> LatestRunStartAsync(string projectId, CancellationToken cancellationToken);

    /// <summary>The timeline, newest first, with the total count.</summary>
    Task<(IReadOnlyList<StoredEvent> Items, long Total)> HistoryAsync(string projectId, int offset, int limit, CancellationToken cancellationToken);
}
