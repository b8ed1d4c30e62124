using Orchestration.Core.Domain;
using Orchestration.Storage.Events;
using Orchestration.Storage.Projects;

namespace Orchestration.Storage.Execution;

/// <summary>
/// Every state change of execution, each one transaction that also appends the events reporting it (so the state an
/// event reports is committed before the event can be published). Task writes are guarded by the expected prior
/// status; project writes go through the transition table. Methods return null when the guard did not hold or the
/// project/task does not exist (for the owner given).
/// </summary>
public interface IExecutionStore
{
    /// <summary>execute: moves the project to executing, starts a new run, and reconciles task readiness.</summary>
    Task<Committed<Project>?> StartRunAsync(string ownerId, string projectId, double now, CancellationToken cancellationToken);

    Task<Committed<Project>?> PauseAsync(string ownerId, string projectId, double now, CancellationToken cancellationToken);

    /// <summary>Cancels the project and every unfinished task of it (running ones included).</summary>
    Task<Committed<Project>?> CancelAsync(string ownerId, string projectId, double now, CancellationToken cancellationToken);

    /// <summary>Reconciles readiness and reads the project with its current plan's tasks (null when gone).</summary>
    Task<ProjectGraph?> LoadGraphAsync(string projectId, double now, CancellationToken cancellationToken);

    Task<IReadOnlyList<string>> ExecutingProjectIdsAsync(CancellationToken cancellationToken);

    /// <summary>Puts running attempts of other owners back in the queue (all of them, or only those whose lease
    /// expired). Returns the affected project ids.</summary>
    Task<Committed<IReadOnlyList<string>>> RecoverInterruptedAsync(string owner, bool onlyExpired, double now, CancellationToken cancellationToken);

    /// <summary>Extends the leases of every attempt this owner runs.</summary>
    Task RenewLeasesAsync(string owner, double leaseUntil, CancellationToken cancellationToken);

    /// <summary>queued → running, only while the project is executing and the task's retry delay is over; with what the
    /// attempt needs to run. <paramref name="describe"/> (when given) makes an event from that context (the prompt's
    /// summary), committed with the claim after its task_start.</summary>
    Task<Committed<AttemptContext>?> ClaimAsync(string projectId, string taskId, string owner, double leaseUntil, double now,
        Func<AttemptContext, NewEvent>? describe, CancellationToken cancellationToken);

    /// <summary>An external worker (the project's owner, through the API) claims a queued task of a hybrid or external
    /// project: running with a lease until <paramref name="leaseUntil"/>, owner <c>external:&lt;user id&gt;</c>. Null when
    /// the task is not the owner's; a refusal says why it cannot be claimed. Submitting is <see cref="CompleteAsync"/>
    /// and releasing <see cref="RequeueAsync"/> with that owner.</summary>
    Task<Committed<ExternalClaim>?> ClaimExternalAsync(string ownerId, string taskId, double leaseUntil, double now,
        Func<AttemptContext, NewEvent>? describe, CancellationToken cancellationToken);

    /// <summary>The context of an attempt that is still running under <paramref name="key"/> (null once it is not: it
    /// ended, was cancelled, or its lease went to someone else).</summary>
    Task<AttemptContext?> ReadAttemptAsync(AttemptKey key, CancellationToken cancellationToken);

    /// <summary>An external project waits for its workers: a project_waiting event naming the tasks ready to claim
    /// (nothing when none is).</summary>
    Task<Committed<bool>?> AnnounceExternalWorkAsync(string projectId, double now, CancellationToken cancellationToken);

    /// <summary>Adds an attempt's model spend to its task's totals, whatever the task's status now (an attempt that was
    /// cancelled or failed still spent it). False when the task is gone or on another attempt.</summary>
    Task<bool> AddSpendAsync(AttemptKey key, long promptTokens, long completionTokens, long costNanos, double now, CancellationToken cancellationToken);

    /// <summary>running → completed with the verification, artifacts and findings of the result; dependants whose last
    /// dependency this was become queued (returned).</summary>
    Task<Committed<IReadOnlyList<string>>?> CompleteAsync(AttemptKey key, AttemptResult result, double now, CancellationToken cancellationToken);

    /// <summary>running → queued at once, counting one automatic retry: the verifier found gaps. The output is kept for
    /// reference, the notes join the feedback for the next attempt, and the tier moves to <paramref name="escalateTo"/>
    /// when set.</summary>
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

    /// <summary>running → queued without counting a retry: the attempt was interrupted (shutdown).</summary>
    Task<Committed<bool>?> RequeueAsync(AttemptKey key, string reason, double now, CancellationToken cancellationToken);

    /// <summary>The attempt was refused by the budget before its model ran: the task goes back to the queue (its attempt
    /// given back) with a task_waiting event; the executor keeps running what the budget does not stop.</summary>
    Task<Committed<bool>?> HoldForBudgetAsync(AttemptKey key, BudgetStop stop, double now, CancellationToken cancellationToken);

    /// <summary>The attempt cannot run yet (its provider is offline): back to the queue until
    /// <paramref name="notBefore"/>, its attempt given back, with <paramref name="announcement"/> when given.</summary>
    Task<Committed<bool>?> DeferAsync(AttemptKey key, double notBefore, NewEvent? announcement, double now, CancellationToken cancellationToken);

    /// <summary>A cap stopped work and nothing else can run: executing → paused with a budget_warning (level exhausted,
    /// naming the task the cap stopped). Null when the project was no longer executing.</summary>
    Task<Committed<Project?>?> PauseForBudgetAsync(string projectId, string? taskId, BudgetStop stop, double now, CancellationToken cancellationToken);

    /// <summary>executing → completed or failed with the closing event; null when the project is no longer executing.</summary>
    Task<Committed<Project>?> FinishAsync(string projectId, ProjectStatus outcome, string message, IReadOnlyDictionary<string, object?> data, double now, CancellationToken cancellationToken);

    /// <summary>A project_waiting event naming the tasks that wait for people (review or checkpoint), when the project is
    /// executing and some do; null otherwise.</summary>
    Task<Committed<bool>?> AnnounceWaitingAsync(string projectId, double now, CancellationToken cancellationToken);

    /// <summary>executing → paused with a wave_checkpoint event.</summary>
    Task<Committed<Project>?> WaveCheckpointAsync(string projectId, long wave, double now, CancellationToken cancellationToken);

    /// <summary>A user's retry of a failed or cancelled task (bounded by <paramref name="maxManualRetries"/>).</summary>
    Task<Committed<TaskActionOutcome>?> RetryTaskAsync(string ownerId, string taskId, int maxManualRetries, double now, CancellationToken cancellationToken);

    /// <summary>A user's cancel of one unfinished task; its waiting dependants become blocked.</summary>
    Task<Committed<TaskActionOutcome>?> CancelTaskAsync(string ownerId, string taskId, double now, CancellationToken cancellationToken);
}
