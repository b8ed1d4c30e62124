using Orchestration.Core.Domain;
using Orchestration.Storage.Events;

namespace Orchestration.Engine.Events;

/// <summary>Persists an event (next per-project seq) and then publishes it: never published before committed.</summary>
internal sealed class EventPublisher(IEventStore store, IEventBus bus, TimeProvider time) : IEventPublisher
{
    public async Task<long> PublishAsync(ProjectEvent projectEvent, CancellationToken cancellationToken)
    {
        var stored = await store.AppendAsync(
            new NewEvent(projectEvent.ProjectId, projectEvent.Type, projectEvent.Message, projectEvent.TaskId, projectEvent.Data),
            time.NowEpoch(), cancellationToken);
        bus.Publish([stored]);
        return stored.Seq;
    }
}
