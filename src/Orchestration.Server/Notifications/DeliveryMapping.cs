using Orchestration.Engine.Notifications;
using Orchestration.Storage.Notifications;

namespace Orchestration.Server.Notifications;

public static class DeliveryMapping
{
    public static DeliveryDto ToDto(this NotificationDelivery d) => new(
        d.Id, WebhookRedaction.Url(d.Url), d.Kind, d.EventType, d.EventSeq, d.ProjectId, d.TaskId, d.Status, d.Attempts,
        d.LastStatusCode is { } code ? (int)code : null, d.LastError, d.CreatedAt, d.DeliveredAt,
        d.Status == NotificationDelivery.Pending ? d.NextAttemptAt : null);
}
