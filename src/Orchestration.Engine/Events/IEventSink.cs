using Orchestration.Storage.Events;

namespace Orchestration.Engine.Events;

/// <summary>Hears every committed event the bus publishes on this node (its own and, on a cluster, the other nodes'),
/// whether or not anyone follows the project. Called on the publisher's thread: it must return at once and never throw.</summary>
public interface IEventSink
{
    void Offer(IReadOnlyList<StoredEvent> events);
}
