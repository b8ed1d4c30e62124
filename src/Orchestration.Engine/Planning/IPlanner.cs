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
}
