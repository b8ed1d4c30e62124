namespace Orchestration.Server.Notifications;

/// <summary>A webhook delivery as the API shows it: never the secret, and the url without its query string.</summary>
/// <param name="Event">The engine event type behind it (task_needs_review, checkpoint, ...).</param>
public sealed record DeliveryDto(
    string Id, string Url, string Kind, string Event, long EventSeq, string ProjectId, string? TaskId, string Status, long Attempts,
    int? LastStatusCode, string? LastError, double CreatedAt, double? DeliveredAt, double? NextAttemptAt);
