using Orchestration.Core.Domain;
using Orchestration.Storage.Events;
using Orchestration.Core.Events;

namespace Orchestration.Engine.Events;

/// <summary>Persists an event (next per-project seq) and then publishes it: never published before committed.</summary>
internal sealed class EventPublisher(IEventStore store, IEventBus bus, TimeProvider time) : IEventPublisher
{
    public async Task<long> PublishAsync(NewEvent newEvent, CancellationToken cancellationToken)
    {
        var stored = await store.AppendAsync(newEvent, time.NowEpoch(), cancellationToken);
        bus.Publish([stored]);
        return stored.Seq;
    }
}
