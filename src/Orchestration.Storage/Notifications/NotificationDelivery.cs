using Orchestration.Core.Lifecycle;

namespace Orchestration.Storage.Notifications;

/// <summary>One webhook delivery (a row of the outbox) with what its attempts so far came to.</summary>
public sealed class NotificationDelivery
{
    public const string Pending = DeliveryStatusNames.Pending;
    public const string Delivered = DeliveryStatusNames.Delivered;
    public const string Failed = DeliveryStatusNames.Failed;

    public string Id { get; init; } = "";
    public string ProjectId { get; init; } = "";
    public string? TaskId { get; init; }
    public long EventSeq { get; init; }
    public string EventType { get; init; } = "";
    public string Kind { get; init; } = "";
    public string Url { get; init; } = "";
    /// <summary>The JSON body every attempt sends.</summary>
    public string Body { get; init; } = "";
    public string Status { get; init; } = Pending;
    public long Attempts { get; init; }
    public long? LastStatusCode { get; init; }
    public string? LastError { get; init; }
    public double CreatedAt { get; init; }
    public double? NextAttemptAt { get; init; }
    public double? DeliveredAt { get; init; }
}
