namespace Orchestration.Core.Planning.Diff;

/// <summary>A plan's cost range in USD and its token estimates (PlanForecaster.EstimateFor, summed over tasks).</summary>
/// <param name="UnpricedTasks">Tasks whose model has no price: their cost is not in the range.</param>
public sealed record ForecastSummary(
    decimal TotalUsdLow, decimal TotalUsdExpected, decimal TotalUsdHigh,
    long PromptTokensLow, long PromptTokensHigh, long CompletionTokensLow, long CompletionTokensHigh, int UnpricedTasks)
{
    public static ForecastSummary Of(PlanDocument plan, PlanForecast forecast)
    {
        var estimates = plan.AllTasks().Select(t => PlanForecaster.EstimateFor(t.Task.Complexity)).ToList();
        return new ForecastSummary(
            forecast.TotalUsdLow, forecast.TotalUsdExpected, forecast.TotalUsdHigh,
            estimates.Sum(e => e.PromptLow), estimates.Sum(e => e.PromptHigh),
            estimates.Sum(e => e.OutputLow), estimates.Sum(e => e.OutputHigh),
            forecast.Tasks.Count(t => !t.Priced));
    }

    public ForecastSummary Minus(ForecastSummary other) => new(
        TotalUsdLow - other.TotalUsdLow, TotalUsdExpected - other.TotalUsdExpected, TotalUsdHigh - other.TotalUsdHigh,
        PromptTokensLow - other.PromptTokensLow, PromptTokensHigh - other.PromptTokensHigh,
        CompletionTokensLow - other.CompletionTokensLow, CompletionTokensHigh - other.CompletionTokensHigh,
        UnpricedTasks - other.UnpricedTasks);
}
