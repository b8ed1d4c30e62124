namespace Orchestration.Storage.Execution;

/// <summary>Identifies one attempt: every write of its outcome is guarded by all four (the task is still running,
/// leased by this owner, and on this attempt), so a stale or cancelled attempt can never overwrite anything.</summary>
public sealed record AttemptKey(string ProjectId, string TaskId, string Owner, long Attempt);
