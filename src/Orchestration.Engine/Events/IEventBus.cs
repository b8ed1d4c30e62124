using Orchestration.Storage.Events;

namespace Orchestration.Engine.Events;

/// <summary>
/// In-process fan-out of committed events to live subscribers (the SSE streams). Publishing never waits: each
/// subscriber has a bounded buffer, and one that falls behind is cut off (its subscription completes with
/// <see cref="EventSubscription.Overflowed"/> set) and resumes from its last id by reading the event log.
/// </summary>
public interface IEventBus
{
    EventSubscription Subscribe(string projectId);

    /// <summary>Whether anyone here follows the project's events.</summary>
    bool HasSubscribers(string projectId);

    /// <summary>Publishes events that are already committed. Never blocks.</summary>
    void Publish(IReadOnlyList<StoredEvent> events);
}
