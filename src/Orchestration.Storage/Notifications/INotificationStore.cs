namespace Orchestration.Storage.Notifications;

/// <summary>The webhook outbox (notification_deliveries). Several nodes may share it: a due delivery is claimed by one
/// node at a time (a lease), and the same event is enqueued once per receiver however many nodes saw it.</summary>
public interface INotificationStore
{
    /// <summary>Adds deliveries; one already there (same project, event and url) or of a deleted project is left out.</summary>
    Task EnqueueAsync(IReadOnlyList<NewDelivery> deliveries, double now, CancellationToken cancellationToken);

    /// <summary>Claims up to <paramref name="limit"/> pending deliveries that are due and not leased by anyone, leasing them
    /// until <paramref name="leaseUntil"/>; the earliest due first.</summary>
    Task<IReadOnlyList<NotificationDelivery>> ClaimDueAsync(double now, double leaseUntil, int limit, CancellationToken cancellationToken);

    /// <summary>Records an attempt of a claimed delivery (guarded: only while it is pending with <paramref name="previousAttempts"/>
    /// attempts) and releases its lease.</summary>
    Task<bool> RecordAsync(string id, long previousAttempts, DeliveryOutcome outcome, CancellationToken cancellationToken);

    /// <summary>When the next pending delivery is due (leased ones included); null when none is pending.</summary>
    Task<double?> NextDueAsync(CancellationToken cancellationToken);

    /// <summary>Deliveries of the projects of <paramref name="ownerId"/> (everyone's when null), newest first, with the total.</summary>
    Task<(IReadOnlyList<NotificationDelivery> Items, int Total)> ListAsync(DeliveryQuery query, CancellationToken cancellationToken);
}

/// <param name="OwnerId">Only the deliveries of this user's projects; null: everyone's (admins).</param>
public sealed record DeliveryQuery(string? OwnerId, string? ProjectId, string? Status, int Offset, int Limit);
