using Orchestration.Core.Budget;

namespace Orchestration.Engine.Planning;

/// <summary>Approval refused: the plan's high forecast does not fit the room a cap has left (402 naming the cap).</summary>
public sealed class ForecastOverBudgetException(ForecastShortfall shortfall) : Exception(shortfall.Message)
{
    public ForecastShortfall Shortfall { get; } = shortfall;
}
