namespace Orchestration.Engine.Planning;

public enum PlanningFailureKind
{
    /// <summary>The model answered twice with something that is not a valid plan (422).</summary>
    InvalidPlan,
    /// <summary>The model could not be reached or refused the call (502).</summary>
    ModelUnavailable,
}
