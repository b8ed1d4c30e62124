namespace Orchestration.Engine.Execution;

internal enum AttemptOutcomeKind
{
    Completed,
    /// <summary>A transient failure; queued again until <see cref="AttemptOutcome.NotBefore"/>.</summary>
    RetryScheduled,
    Failed,
    /// <summary>Interrupted through no fault of the task (shutdown); queued again at once.</summary>
    Requeued,
    /// <summary>The budget refused the call; the task is queued again and the project paused.</summary>
    BudgetPaused,
    /// <summary>The claim or the result write was refused: the task or project changed underneath (cancel, pause).</summary>
    Lost,
    /// <summary>Completed with a partial result because a budget cap stopped it; the project is paused.</summary>
    CompletedPaused,
    /// <summary>The task waits for a person (needs_review, perhaps with a checkpoint); its dependants are blocked.</summary>
    NeedsReview,
    /// <summary>Queued again with changes the scheduler must read (a verification retry, perhaps on another tier).</summary>
    Changed,
}

/// <summary>How one attempt ended, after its outcome was committed.</summary>
internal sealed record AttemptOutcome(AttemptOutcomeKind Kind, double? NotBefore = null)
{
    public static readonly AttemptOutcome Completed = new(AttemptOutcomeKind.Completed);
    public static readonly AttemptOutcome Failed = new(AttemptOutcomeKind.Failed);
    public static readonly AttemptOutcome Requeued = new(AttemptOutcomeKind.Requeued);
    public static readonly AttemptOutcome BudgetPaused = new(AttemptOutcomeKind.BudgetPaused);
    public static readonly AttemptOutcome Lost = new(AttemptOutcomeKind.Lost);
    public static readonly AttemptOutcome CompletedPaused = new(AttemptOutcomeKind.CompletedPaused);
    public static readonly AttemptOutcome NeedsReview = new(AttemptOutcomeKind.NeedsReview);
    public static readonly AttemptOutcome Changed = new(AttemptOutcomeKind.Changed);
}
