namespace Orchestration.Storage.Events;

/// <summary>Wake-ups for events other servers store in a shared database. A notice only says where to read; the event
/// log (<see cref="IEventStore"/>) stays the truth, so a lost notice delays an event but never loses it.</summary>
public interface IEventFeed
{
    /// <summary>Notices as they arrive, in commit order, until cancelled. After a broken connection the feed
    /// reconnects and yields <see cref="EventNotice.Resync"/>: notices may have been missed, read the log.</summary>
    IAsyncEnumerable<EventNotice> ListenAsync(CancellationToken cancellationToken);

    /// <summary>The last seq of each of the given projects (0 for one without events).</summary>
    Task<IReadOnlyDictionary<string, long>> LatestSeqAsync(IReadOnlyCollection<string> projectIds, CancellationToken cancellationToken);
}

/// <summary>Event <paramref name="Seq"/> of <paramref name="ProjectId"/>, of type <paramref name="Type"/> (about
/// <paramref name="TaskId"/>, when a task's), was committed by <paramref name="Writer"/> (a node id).</summary>
public sealed record EventNotice(string ProjectId, long Seq, string Type, string? TaskId, string Writer)
{
    public static EventNotice Resync { get; } = new("", 0, "", null, "");

    public bool IsResync => ProjectId.Length == 0;
}
