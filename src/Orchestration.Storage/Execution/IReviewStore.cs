using Orchestration.Storage.Checkpoints;
using Orchestration.Storage.Knowledge;

namespace Orchestration.Storage.Execution;

/// <summary>
/// A person's answers to a task that waits for them (api.md: task review, checkpoint resolve). Each is one transaction
/// that also appends its events; tasks are scoped to their project's owner (null: not found). A refused action comes
/// back with its reason (409).
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
}

/// <summary>A person's resolution of a checkpoint. <paramref name="Action"/>: retry | skip | fail.</summary>
public sealed record CheckpointDecision(string Action, string? Guidance, string? Gotcha);

/// <summary>The checkpoint after a resolution, or the reason it was refused (409).</summary>
public sealed record CheckpointResolution(CheckpointRecord Checkpoint, string? Refusal)
{
    public bool Done => Refusal is null;
}
