namespace Orchestration.Storage.Execution;

/// <summary>Which open checkpoints a resolution closes: exactly one of the ids is set.</summary>
public sealed record CheckpointScope(string? CheckpointId = null, string? TaskId = null, string? ProjectId = null);
