using Orchestration.Storage.Plans;

namespace Orchestration.Engine.Planning;

/// <summary>Asks the planning model for a plan of a project's requirements and stores it as the next draft.</summary>
public interface IPlanner
{
    /// <summary>
    /// Moves the project draft → planning → draft. Returns the stored draft, or null when the project does not exist
    /// for <paramref name="ownerId"/>. Throws IllegalTransitionException when the project cannot be planned now
    /// (already planning, executing, cancelled), PlanningFailedException when no valid plan came back (after one
    /// re-ask with the problems), BudgetExceededException when the budget refuses the call.
    /// </summary>
    Task<PlanRecord?> PlanAsync(string ownerId, string projectId, CancellationToken cancellationToken);

    /// <summary>
    /// Re-plans the unfinished part of an executing, paused or failed project: holds new dispatches (running attempts
    /// finish), asks the planner for the remaining work given what is done and <paramref name="changes"/> (new or changed
    /// requirements) and <paramref name="instructions"/>, and stores a draft that keeps the completed, running and
    /// waiting tasks as they are (ReplanMerge). The hold stays until the draft is approved (swapped in) or rejected; a
    /// failed re-plan lifts it. Null when the project does not exist for the owner; PlanConflictException when it
    /// cannot be re-planned now; PlanningFailedException / BudgetExceededException as for PlanAsync.
    /// </summary>
    Task<ReplanDraft?> ReplanAsync(string ownerId, string projectId, string? changes, string? instructions, CancellationToken cancellationToken);
}
