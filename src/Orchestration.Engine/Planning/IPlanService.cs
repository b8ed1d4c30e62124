using System.Text.Json.Nodes;

namespace Orchestration.Engine.Planning;

/// <summary>Review of stored plans: editing a draft, approving it into tasks, and requirement coverage.
/// Every method returns null when the project or plan does not exist for <c>ownerId</c>.</summary>
public interface IPlanService
{
    /// <summary>Validates <paramref name="plan"/> exactly as a planner answer (PlanValidationException), re-computes
    /// the forecast and stores it as the draft (PlanConflictException when the plan is not a draft).</summary>
    Task<Storage.Plans.PlanRecord?> EditAsync(string ownerId, string projectId, string planId, JsonNode? plan, CancellationToken cancellationToken);

    /// <summary>Decomposes the draft into tasks (see IPlanStore.ApproveAsync). ForecastOverBudgetException when the
    /// plan's high forecast does not fit the room the project, daily or monthly cap has left, unless
    /// <paramref name="force"/>: then the plan is approved and marked as forced.</summary>
    Task<ApprovalOutcome?> ApproveAsync(string ownerId, string projectId, string planId, bool force, CancellationToken cancellationToken);

    Task<CoverageReport?> CoverageAsync(string ownerId, string projectId, CancellationToken cancellationToken);
}
