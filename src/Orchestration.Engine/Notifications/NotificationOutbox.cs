using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestration.Core.Configuration;
using Orchestration.Core.Domain;
using Orchestration.Core.Notifications;
using Orchestration.Storage.Events;
using Orchestration.Storage.Notifications;

namespace Orchestration.Engine.Notifications;

/// <summary>
/// Writes the queued events to the outbox table, one delivery per webhook that wants the event's kind, and wakes the
/// sender. On a cluster every node hears every event; the table keeps one delivery per event and url.
/// </summary>
internal sealed partial class NotificationOutbox(
    NotificationQueue queue, INotificationStore store, WebhookSender sender, NotificationsOptions options, TimeProvider time,
    ILogger<NotificationOutbox> logger) : BackgroundService
{
    private const int BatchSize = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<StoredEvent>(BatchSize);
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < BatchSize && queue.Reader.TryRead(out var e))
                {
                    batch.Add(e);
                }
                await WriteAsync(batch, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; events still queued are not delivered (their rows were never written).
        }
    }

    private async Task WriteAsync(List<StoredEvent> events, CancellationToken cancellationToken)
    {
        var deliveries = new List<NewDelivery>();
        foreach (var e in events)
        {
            var kind = NotificationKinds.OfEvent(e.Type)!;
            foreach (var hook in options.Webhooks.Where(w => w.Wants(kind)))
            {
                var id = Ids.New();
                deliveries.Add(new NewDelivery(id, e.ProjectId, e.TaskId, e.Seq, e.Type, kind, hook.Url, NotificationPayload.Build(id, kind, e)));
            }
        }
        try
        {
            await store.EnqueueAsync(deliveries, time.NowEpoch(), cancellationToken);
            sender.Wake();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogEnqueueFailed(logger, deliveries.Count, ex);
        }
    }

    [LoggerMessage(EventId = 8602, Level = LogLevel.Error, Message = "{Count} webhook deliveries could not be written to the outbox and are lost")]
    private static partial void LogEnqueueFailed(ILogger logger, int count, Exception exception);
}
