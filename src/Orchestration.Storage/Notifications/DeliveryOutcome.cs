namespace Orchestration.Storage.Notifications;

/// <summary>What an attempt came to: the delivery's new status, its attempt count, and when to try again (pending only).</summary>
public sealed record DeliveryOutcome(string Status, long Attempts, int? StatusCode, string? Error, double? NextAttemptAt, double? DeliveredAt);
