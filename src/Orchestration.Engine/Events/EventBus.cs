using System.Collections.Concurrent;
using System.Diagnostics;
using Orchestration.Storage.Events;

namespace Orchestration.Engine.Events;

internal sealed class EventBus(EventBusOptions options, IEnumerable<IEventSink> sinks) : IEventBus
{
    private readonly IEventSink[] _sinks = [.. sinks];

    public EventBus(EventBusOptions options) : this(options, [])
    {
    }

    private readonly ConcurrentDictionary<string, ImmutableSubscribers> _subscribers = new(StringComparer.Ordinal);

    public EventSubscription Subscribe(string projectId)
    {
        var subscription = new EventSubscription(projectId, options.SubscriberBufferSize, Unsubscribe);
        _subscribers.AddOrUpdate(projectId, _ => new([subscription]), (_, s) => new([.. s.Items, subscription]));
        return subscription;
    }

    public bool HasSubscribers(string projectId) =>
        _subscribers.TryGetValue(projectId, out var subscribers) && subscribers.Items.Length > 0;

    public void Publish(IReadOnlyList<StoredEvent> events)
    {
        foreach (var sink in _sinks)
        {
            sink.Offer(events);
        }
        foreach (var e in events)
        {
            if (!_subscribers.TryGetValue(e.ProjectId, out var subscribers) || subscribers.Items.Length == 0)
            {
                continue;
            }
            var published = new PublishedEvent(e, EventJson.SerializeToUtf8(e), Stopwatch.GetTimestamp());
            foreach (var subscriber in subscribers.Items)
            {
                subscriber.Offer(published);
            }
        }
    }

    private void Unsubscribe(EventSubscription subscription)
    {
        while (_subscribers.TryGetValue(subscription.ProjectId, out var current))
        {
            var remaining = current.Items.Where(s => !ReferenceEquals(s, subscription)).ToArray();
            if (remaining.Length == current.Items.Length)
            {
                return;
            }
            var updated = remaining.Length == 0
                ? _subscribers.TryRemove(new KeyValuePair<string, ImmutableSubscribers>(subscription.ProjectId, current))
                : _subscribers.TryUpdate(subscription.ProjectId, new(remaining), current);
            if (updated)
            {
                return;
            }
        }
    }

    // Copy-on-write list: publishing reads a snapshot without locks; (un)subscribing is rare.
    private sealed record ImmutableSubscribers(EventSubscription[] Items);
}
