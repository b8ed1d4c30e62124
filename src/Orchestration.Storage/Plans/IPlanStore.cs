namespace Orchestration.Storage.Plans;

/// <summary>
/// Plan versions of a project, always through the project's owner: another user's plan does not exist (null).
/// State rules: only a draft is edited or approved (else <see cref="Core.Planning.PlanConflictException"/>);
/// approving supersedes every other draft and the previously approved plan.
/// </summary>
public interface IPlanStore
{
    /// <summary>Stores <paramref name="plan"/> as draft version max + 1. With <paramref name="completePlanning"/> the
    /// project moves planning → draft in the same transaction. Null when the project does not exist for the owner.</summary>
    Task<PlanRecord?> CreateDraftAsync(string ownerId, NewPlan plan, bool completePlanning, CancellationToken cancellationToken);

    /// <summary>Newest version first; null when the project does not exist for the owner.</summary>
    Task<IReadOnlyList<PlanRecord>?> ListAsync(string ownerId, string projectId, CancellationToken cancellationToken);

    Task<PlanRecord?> GetAsync(string ownerId, string projectId, string planId, CancellationToken cancellationToken);

    /// <summary>The approved plan, else the newest draft, else null.</summary>
    Task<PlanRecord?> GetCurrentAsync(string ownerId, string projectId, CancellationToken cancellationToken);

    /// <summary>Replaces a draft's plan and forecast. Null when not found; PlanConflictException when not a draft.</summary>
    Task<PlanRecord?> UpdateDraftAsync(
        string ownerId, string projectId, string planId, string planJson, string forecastJson, CancellationToken cancellationToken);

    /// <summary>
    /// In one transaction: checks the plan is an unchanged draft (PlanConflictException) and the project may become
    /// ready (IllegalTransitionException, e.g. while executing); supersedes other drafts and the earlier approved
    /// plan; deletes that plan's tasks that never ran (pending, blocked, queued), keeping the others as history;
    /// inserts the new task rows and dependency edges; marks the plan approved and the project ready.
    /// Null when the plan does not exist for the owner.
    /// </summary>
    Task<ApprovalResult?> ApproveAsync(PlanApproval approval, CancellationToken cancellationToken);

    /// <summary>
    /// Starts a re-plan: the project (executing, paused or failed, with an approved plan and no re-plan pending, else
    /// PlanConflictException) holds new dispatches from now on, with a replan_started event. Null when the project does not
    /// exist for the owner.
    /// </summary>
    Task<ReplanHold?> HoldForReplanAsync(string ownerId, string projectId, double now, CancellationToken cancellationToken);

    /// <summary>Lifts a re-plan's hold without a new plan (planning failed), appending <paramref name="reason"/>.</summary>
    Task<Events.StoredEvent?> ReleaseReplanHoldAsync(string projectId, Core.Events.NewEvent reason, double now, CancellationToken cancellationToken);

    /// <summary>Stores a re-plan's draft (<see cref="NewPlan.ReplanOf"/> set) with its plan_ready event.</summary>
    Task<(PlanRecord Plan, Events.StoredEvent Ready)?> CreateReplanDraftAsync(string ownerId, NewPlan plan, CancellationToken cancellationToken);

    /// <summary>Marks a draft rejected; a re-plan's rejection lifts the hold with a replan_rejected event. PlanConflictException
    /// when the plan is not a draft.</summary>
    Task<(PlanRecord Plan, Events.StoredEvent? Rejected)?> RejectAsync(string ownerId, string projectId, string planId, double now,
        CancellationToken cancellationToken);

    /// <summary>Approves a re-plan's draft by swapping it in (see PlanRows.SwapAsync), with its plan_swapped event.</summary>
    Task<(ApprovalResult Result, Events.StoredEvent Swapped)?> SwapAsync(PlanApproval approval, CancellationToken cancellationToken);
}
