using Orchestration.Core.Events;
using Orchestration.Storage.Execution;

namespace Orchestration.Engine.Runs;

/// <summary>
/// One attempt's life: a claim, then exactly one guarded outcome. Each call is one transaction that also appends the
/// events reporting it. Every outcome names its attempt (<see cref="AttemptKey"/>): a cancelled, reclaimed or stale
/// attempt changes nothing and gets null.
/// </summary>
public interface IAttemptStore
{
    /// <summary>queued → running, only while the project is executing and the task's retry delay is over; with what the
    /// attempt needs to run. <paramref name="describe"/> (when given) makes an event from that context (the prompt's
    /// summary), committed with the claim after its task_start.</summary>
    Task<Committed<AttemptContext>?> ClaimAsync(string projectId, string taskId, string owner, double leaseUntil, double now,
        Func<AttemptContext, NewEvent>? describe, CancellationToken cancellationToken);

    /// <summary>An external worker (the project's owner, through the API) claims a queued task of a hybrid or external
    /// project: running with a lease, owner <c>external:&lt;user id&gt;</c>. Null when the task is not the owner's; a
    /// refusal says why it cannot be claimed. Submitting is <see cref="CompleteAsync"/> and releasing
    /// <see cref="RequeueAsync"/> with that owner.</summary>
    Task<Committed<ExternalClaim>?> ClaimExternalAsync(string ownerId, string taskId, double leaseUntil, double now,
        Func<AttemptContext, NewEvent>? describe, CancellationToken cancellationToken);

    /// <summary>The context of an attempt that still holds its task (null once it does not).</summary>
    Task<AttemptContext?> ReadAttemptAsync(AttemptKey key, CancellationToken cancellationToken);

    /// <summary>Adds an attempt's model spend to its task's totals, whatever the task's status now. False when the task
    /// is gone or on another attempt.</summary>
    Task<bool> AddSpendAsync(AttemptKey key, long promptTokens, long completionTokens, long costNanos, double now, CancellationToken cancellationToken);

    /// <summary>running → completed with the verification, artifacts and findings of the result; dependants whose last
    /// dependency this was become queued (returned).</summary>
    Task<Committed<IReadOnlyList<string>>?> CompleteAsync(AttemptKey key, AttemptResult result, double now, CancellationToken cancellationToken);

    /// <summary>running → queued at once, counting one automatic retry: the verifier found gaps. The output is kept for
    /// reference, the notes join the feedback, and the tier moves to <paramref name="escalateTo"/> when set.</summary>
    Task<Committed<bool>?> VerificationRetryAsync(AttemptKey key, AttemptResult result, FeedbackEntry feedback, string? escalateTo,
        double now, CancellationToken cancellationToken);

    /// <summary>running → needs_review: the task waits for a person (review, or the checkpoint opened with it); every
    /// waiting task downstream becomes blocked (returned). <paramref name="result"/> is null when no output was produced.</summary>
    Task<Committed<IReadOnlyList<string>>?> WaitForPeopleAsync(AttemptKey key, AttemptResult? result, PeopleWait wait, double now,
        CancellationToken cancellationToken);

    /// <summary>running → queued until <paramref name="notBefore"/>, counting one automatic retry.</summary>
    Task<Committed<bool>?> ScheduleRetryAsync(AttemptKey key, double notBefore, string error, double now, CancellationToken cancellationToken);

    /// <summary>running → failed; every waiting task downstream becomes blocked (returned).</summary>
    Task<Committed<IReadOnlyList<string>>?> FailAsync(AttemptKey key, string error, double now, CancellationToken cancellationToken);

    /// <summary>running → queued without counting a retry: the attempt was interrupted (shutdown) or released.</summary>
    Task<Committed<bool>?> RequeueAsync(AttemptKey key, string reason, double now, CancellationToken cancellationToken);

    /// <summary>Refused by the budget before its model ran: back to the queue (its attempt given back) with a task_waiting
    /// event.</summary>
    Task<Committed<bool>?> HoldForBudgetAsync(AttemptKey key, BudgetStop stop, double now, CancellationToken cancellationToken);

    /// <summary>Cannot run yet (its provider is offline): back to the queue until <paramref name="notBefore"/>, its
    /// attempt given back, with <paramref name="announcement"/> when given.</summary>
    Task<Committed<bool>?> DeferAsync(AttemptKey key, double notBefore, NewEvent? announcement, double now, CancellationToken cancellationToken);

    /// <summary>Puts running attempts of other owners back in the queue (all of them, or only those whose lease expired);
    /// an external worker's claim ends only when its lease does. Returns the affected project ids.</summary>
    Task<Committed<IReadOnlyList<string>>> RecoverInterruptedAsync(string owner, bool onlyExpired, double now, CancellationToken cancellationToken);

    /// <summary>Extends the leases of every attempt this owner runs.</summary>
    Task RenewLeasesAsync(string owner, double leaseUntil, CancellationToken cancellationToken);
}
