using Orchestration.Core.Domain;
using Orchestration.Core.Pricing;
using Orchestration.Core.Routing;

namespace Orchestration.Core.Planning;

/// <summary>
/// Estimates what running a plan will cost: each task's tier (routing), its model and provider, a low and a high
/// token estimate by complexity, priced exactly. An estimate, not a promise: the budget ledger enforces the caps.
/// </summary>
public sealed class PlanForecaster(ModelRouter router, PriceCalculator prices)
{
    /// <summary>Expected tokens of one task by complexity. The high end allows for a few tool rounds, whose prompts
    /// grow with each round, and for one verification retry.</summary>
    public static TokenEstimate EstimateFor(TaskComplexity complexity) => complexity switch
    {
        TaskComplexity.Simple => new TokenEstimate(PromptLow: 1_500, PromptHigh: 8_000, OutputLow: 400, OutputHigh: 2_000),
        TaskComplexity.Medium => new TokenEstimate(PromptLow: 3_000, PromptHigh: 20_000, OutputLow: 1_200, OutputHigh: 5_000),
        _ => new TokenEstimate(PromptLow: 6_000, PromptHigh: 45_000, OutputLow: 3_000, OutputHigh: 12_000),
    };

    public ModelTier TierOf(PlanTask task) => router.TierFor(task.TaskType, task.Complexity.ToWire(), task.ModelTier);

    /// <summary>The plan's range, with per-task token estimates from <paramref name="calibration"/> (this installation's
    /// history) or, without one, the constants.</summary>
    public PlanForecast Forecast(PlanDocument plan, ForecastCalibration? calibration = null)
    {
        var tasks = plan.AllTasks().Select(t => ForecastTask(t.Index, t.Task, calibration ?? ForecastCalibration.None)).ToList();
        return new PlanForecast(
            Round(tasks.Sum(t => t.EstCostUsdLow)),
            Round(tasks.Sum(t => t.EstCostUsdHigh)),
            tasks);
    }

    private TaskForecast ForecastTask(int index, PlanTask task, ForecastCalibration calibration)
    {
        var tier = TierOf(task);
        var provider = router.ProviderFor(tier);
        var model = router.ModelFor(tier);
        var estimate = calibration.EstimateFor(task.TaskType, task.Complexity, tier);
        // Verification and knowledge calls run on their own models: learned in money, added as they are.
        var (overheadLow, overheadHigh) = calibration.OverheadFor(task.TaskType, task.Complexity, tier);
        var (extraLow, extraHigh) = (Money.FromNanos(overheadLow), Money.FromNanos(overheadHigh));
        // The ollama tier is local and free, also when the simulated provider stands in for it.
        if (tier == ModelTier.Ollama || PriceCalculator.IsFree(provider))
        {
            return new TaskForecast(index, tier, model, provider, Round(extraLow), Round(extraHigh), Priced: true);
        }
        if (!prices.IsPriced(model))
        {
            return new TaskForecast(index, tier, model, provider, 0m, 0m, Priced: false);
        }
        var low = prices.Cost(provider, model, new TokenUsage(estimate.PromptLow, estimate.OutputLow, 0, 0));
        var high = prices.Cost(provider, model, new TokenUsage(estimate.PromptHigh, estimate.OutputHigh, 0, 0));
        return new TaskForecast(index, tier, model, provider, Round(low + extraLow), Round(high + extraHigh), Priced: true);
    }

    private static decimal Round(decimal usd) => decimal.Round(usd, 6, MidpointRounding.AwayFromZero);
}
