using Orchestration.Storage.Execution;

namespace Orchestration.Engine.Review;

/// <summary>
/// A person's answers to tasks that wait for them (docs/api.md: POST /api/tasks/{id}/review and
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

    /// <summary>Ends a wait nobody answered since <paramref name="cutoff"/> with <paramref name="action"/> (approve, skip or
    /// fail; execution.wait_expiry), through the same guarded transition as a person's answer; approving mines the output
    /// for knowledge first, as a person's approval does. Refused (not done) when someone answered first.</summary>
    Task<TaskActionOutcome?> ExpireWaitAsync(ExpiredWait wait, string action, double cutoff, CancellationToken cancellationToken);
}

public enum ReviewAction { Approve, Retry }
