using Orchestration.Storage.Execution;

namespace Orchestration.Engine.Review;

/// <summary>
/// A person's answers to tasks that wait for them (api.md: POST /api/tasks/{id}/review and
/// POST /api/checkpoints/{id}/resolve). Each commits its change, publishes its events and tells the executor.
/// Null means not found for this owner; a refusal (409) is in the returned value.
/// </summary>
public interface IReviewControl
{
    /// <summary>approve: completes a needs_review task with its output (knowledge is extracted from it first);
    /// retry: runs it again with <paramref name="feedback"/> (bounded by execution.max_task_retries).</summary>
    Task<TaskActionOutcome?> ReviewAsync(string ownerId, string taskId, ReviewAction action, string? feedback, CancellationToken cancellationToken);

    /// <summary>Resolves an open checkpoint with retry, skip or fail; a gotcha is stored as project knowledge.</summary>
    Task<CheckpointResolution?> ResolveCheckpointAsync(string ownerId, string checkpointId, CheckpointDecision decision, CancellationToken cancellationToken);
}

public enum ReviewAction { Approve, Retry }
