namespace Orchestration.Storage.Execution;

/// <summary>A running task and the attempt that holds it.</summary>
public sealed record LeasedTask(string Id, string ProjectId, string Title, string? LeaseOwner, long AttemptCount, double? LeaseExpiresAt);
