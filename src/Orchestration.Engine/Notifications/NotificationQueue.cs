using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Orchestration.Core.Configuration;
using Orchestration.Core.Notifications;
using Orchestration.Engine.Events;
using Orchestration.Storage.Events;

namespace Orchestration.Engine.Notifications;

/// <summary>
/// The bus's sink for notifications: keeps the events some webhook wants in a bounded in-memory queue, from which
/// <see cref="NotificationOutbox"/> writes them to the outbox table. Never waits: when the queue is full the event is
/// dropped and logged, so a slow database or a flood of events never holds up the engine.
/// </summary>
internal sealed partial class NotificationQueue(NotificationsOptions options, ILogger<NotificationQueue> logger) : IEventSink
{
    private readonly Channel<StoredEvent> _channel = Channel.CreateBounded<StoredEvent>(new BoundedChannelOptions(options.QueueCapacity)
    {
        SingleReader = true,
        SingleWriter = false,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private long _dropped;

    public ChannelReader<StoredEvent> Reader => _channel.Reader;

    /// <summary>Events dropped because the queue was full, since start.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public void Offer(IReadOnlyList<StoredEvent> events)
    {
        foreach (var e in events)
        {
            if (NotificationKinds.OfEvent(e.Type) is not { } kind || !options.Webhooks.Any(w => w.Wants(kind)))
            {
                continue;
            }
            if (!_channel.Writer.TryWrite(e))
            {
                Interlocked.Increment(ref _dropped);
                LogDropped(logger, e.Type, e.ProjectId, e.Seq, options.QueueCapacity);
            }
        }
    }

    public void Complete() => _channel.Writer.TryComplete();

    [LoggerMessage(EventId = 8601, Level = LogLevel.Warning,
        Message = "Notification queue full ({Capacity} events): {EventType} #{Seq} of project {ProjectId} is not delivered; raise notifications.queue_capacity")]
    private static partial void LogDropped(ILogger logger, string eventType, string projectId, long seq, int capacity);
}
