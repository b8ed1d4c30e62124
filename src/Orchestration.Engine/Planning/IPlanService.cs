using System.Text.Json.Nodes;

namespace Orchestration.Engine.Planning;

/// <summary>Review of stored plans: editing a draft, approving it into tasks, and requirement coverage.
/// Every method returns null when the project or plan does not exist for <c>ownerId</c>.</summary>
public interface IPlanService
{
    /// <summary>Validates <paramref name="plan"/> exactly as a planner answer (PlanValidationException), re-computes
    /// the forecast and stores it as the draft (PlanConflictException when the plan is not a draft).</summary>
    Task<Storage.Plans.PlanRecord?> EditAsync(string ownerId, string projectId, string planId, JsonNode? plan, CancellationToken cancellationToken);

    /// <summary>Decomposes the draft into tasks (see IPlanStore.ApproveAsync); a re-plan's draft is swapped in instead
    /// (IPlanStore.SwapAsync), its forecast being of the new work only. ForecastOverBudgetException when the
    /// plan's high forecast does not fit the room the project, daily or monthly cap has left, unless
    /// <paramref name="force"/>: then the plan is approved and marked as forced.</summary>
    Task<ApprovalOutcome?> ApproveAsync(string ownerId, string projectId, string planId, bool force, CancellationToken cancellationToken);

    /// <summary>Marks a draft rejected (PlanConflictException when it is not a draft); rejecting a re-plan's draft lifts
    /// its hold and the run goes on with the plan it had.</summary>
    Task<Storage.Plans.PlanRecord?> RejectAsync(string ownerId, string projectId, string planId, CancellationToken cancellationToken);

    Task<CoverageReport?> CoverageAsync(string ownerId, string projectId, CancellationToken cancellationToken);
}
