using Orchestration.Storage.Execution;

namespace Orchestration.Engine.Execution;

internal enum AttemptOutcomeKind
{
    Completed,
    /// <summary>A transient failure; queued again until <see cref="AttemptOutcome.NotBefore"/>.</summary>
    RetryScheduled,
    Failed,
    /// <summary>Interrupted through no fault of the task (shutdown); queued again at once.</summary>
    Requeued,
    /// <summary>The budget refused the call before the model ran; the task is queued again and waits with the project's
    /// other paid tasks (<see cref="AttemptOutcome.Budget"/>) while free work continues.</summary>
    BudgetHeld,
    /// <summary>The claim was refused: another node took the task first, or it changed (cancel, pause).</summary>
    NotClaimed,
    /// <summary>The claim or the result write was refused: the task or project changed underneath (cancel, pause).</summary>
    Lost,
    /// <summary>Completed with a partial result because a budget cap stopped it; the project's paid tasks wait.</summary>
    CompletedHeld,
    /// <summary>The task waits for a person (needs_review, perhaps with a checkpoint); its dependants are blocked.</summary>
    NeedsReview,
    /// <summary>Queued again with changes the scheduler must read (a verification retry, perhaps on another tier).</summary>
    Changed,
}

/// <summary>How one attempt ended, after its outcome was committed.</summary>
/// <param name="Budget">The cap that refused a call (BudgetHeld, CompletedHeld).</param>
/// <param name="Paid">Whether the attempt's task runs on a paid model (BudgetHeld: false holds every task).</param>
internal sealed record AttemptOutcome(AttemptOutcomeKind Kind, double? NotBefore = null, BudgetStop? Budget = null, bool Paid = true)
{
    public static readonly AttemptOutcome Completed = new(AttemptOutcomeKind.Completed);
    public static readonly AttemptOutcome Failed = new(AttemptOutcomeKind.Failed);
    public static readonly AttemptOutcome Requeued = new(AttemptOutcomeKind.Requeued);
    public static readonly AttemptOutcome Lost = new(AttemptOutcomeKind.Lost);
    public static readonly AttemptOutcome NotClaimed = new(AttemptOutcomeKind.NotClaimed);
    public static readonly AttemptOutcome NeedsReview = new(AttemptOutcomeKind.NeedsReview);
    public static readonly AttemptOutcome Changed = new(AttemptOutcomeKind.Changed);
}
