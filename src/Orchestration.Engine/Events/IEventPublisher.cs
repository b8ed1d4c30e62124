using Orchestration.Core.Events;

namespace Orchestration.Engine.Events;

/// <summary>Persists an event (next per-project sequence number) and then publishes it to live subscribers.</summary>
public interface IEventPublisher
{
    /// <returns>The event's sequence number within its project.</returns>
    Task<long> PublishAsync(NewEvent newEvent, CancellationToken cancellationToken);
}
