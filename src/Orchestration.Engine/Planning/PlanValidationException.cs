using Orchestration.Core.Planning;

namespace Orchestration.Engine.Planning;

/// <summary>An edited plan is not valid (422). <see cref="PlanValidationResult.Summary"/> is the one-line detail.</summary>
public sealed class PlanValidationException(PlanValidationResult result) : Exception(result.Summary)
{
    public PlanValidationResult Result { get; } = result;
}
