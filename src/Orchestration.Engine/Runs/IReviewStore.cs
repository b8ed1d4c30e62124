using Orchestration.Storage.Execution;
using Orchestration.Storage.Knowledge;

namespace Orchestration.Engine.Runs;

/// <summary>
/// A person's actions on single tasks (docs/api.md: task retry, cancel, review; checkpoint resolve). Each is one
/// transaction that also appends its events; tasks are scoped to their project's owner (null: not found). A refused
/// action comes back with its reason (409).
/// </summary>
public interface IReviewStore
{
    /// <summary>needs_review → completed with its output and the findings learned from it; dependants whose last
    /// dependency this was become ready; an open checkpoint of the task is closed.</summary>
    Task<Committed<TaskActionOutcome>?> ApproveAsync(string ownerId, string taskId, IReadOnlyList<NewFinding> findings, double now,
        CancellationToken cancellationToken);

    /// <summary>needs_review → pending (then queued when its dependencies are done) with the feedback for its next
    /// attempt, counting one retry by hand (bounded by <paramref name="maxManualRetries"/>).</summary>
    Task<Committed<TaskActionOutcome>?> RetryWithFeedbackAsync(string ownerId, string taskId, FeedbackEntry? feedback, int maxManualRetries,
        double now, CancellationToken cancellationToken);

    /// <summary>Resolves an open checkpoint: retry (with guidance as feedback), skip (completed without output; its
    /// dependants run without it) or fail (failed; its dependants are blocked). A gotcha becomes a knowledge finding.</summary>
    Task<Committed<CheckpointResolution>?> ResolveCheckpointAsync(string ownerId, string checkpointId, CheckpointDecision decision,
        int maxManualRetries, double now, CancellationToken cancellationToken);

    /// <summary>A user's retry of a failed or cancelled task (bounded by <paramref name="maxManualRetries"/>).</summary>
    Task<Committed<TaskActionOutcome>?> RetryTaskAsync(string ownerId, string taskId, int maxManualRetries, double now, CancellationToken cancellationToken);

    /// <summary>A user's cancel of one unfinished task; its waiting dependants become blocked.</summary>
    Task<Committed<TaskActionOutcome>?> CancelTaskAsync(string ownerId, string taskId, double now, CancellationToken cancellationToken);

    /// <summary>Ends a wait nobody answered (execution.wait_expiry) with approve (completed with its output; a task without
    /// output is skipped), skip (completed without output) or fail (failed; dependants blocked); an open checkpoint is
    /// resolved with the action. A wait_expired event comes first. Refused unless the task still waits, since
    /// <paramref name="cutoff"/> or earlier.</summary>
    Task<Committed<TaskActionOutcome>?> ExpireWaitAsync(string ownerId, string taskId, string action, double cutoff, IReadOnlyList<NewFinding> findings,
        double now, CancellationToken cancellationToken);
}
