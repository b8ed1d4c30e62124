namespace Orchestration.Storage.Notifications;

/// <summary>A delivery to add to the outbox, due at once.</summary>
public sealed record NewDelivery(string Id, string ProjectId, string? TaskId, long EventSeq, string EventType, string Kind, string Url, string Body);
