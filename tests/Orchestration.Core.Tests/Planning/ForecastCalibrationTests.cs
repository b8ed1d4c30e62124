using System.Text.Json.Nodes;
using Orchestration.Core.Configuration;
using Orchestration.Core.Domain;
using Orchestration.Core.Planning;
using Orchestration.Core.Pricing;
using Orchestration.Core.Routing;

namespace Orchestration.Core.Tests.Planning;

public sealed class ForecastCalibrationTests
{
    private static TaskTokenSample Sample(long prompt, long output, string type = "code", TaskComplexity complexity = TaskComplexity.Medium,
        ModelTier tier = ModelTier.Sonnet) => new(type, complexity, tier, prompt, output);

    private static IEnumerable<TaskTokenSample> Samples(int count, string type = "code", TaskComplexity complexity = TaskComplexity.Medium,
        ModelTier tier = ModelTier.Sonnet) =>
        Enumerable.Range(1, count).Select(i => Sample(i * 1_000, i * 100, type, complexity, tier));

    [Fact]
    public void Too_little_history_falls_back_to_the_constants()
    {
        var calibration = ForecastCalibration.From(Samples(4));

        Assert.Equal(PlanForecaster.EstimateFor(TaskComplexity.Medium), calibration.EstimateFor("code", TaskComplexity.Medium, ModelTier.Sonnet));
        Assert.Equal((4, 0), (calibration.Samples, calibration.CalibratedGroups));
        Assert.Equal(PlanForecaster.EstimateFor(TaskComplexity.Complex), ForecastCalibration.None.EstimateFor("code", TaskComplexity.Complex, ModelTier.Haiku));
    }

    [Fact]
    public void Enough_history_gives_the_5th_to_95th_percentile_of_what_tasks_used()
    {
        // 1,000 … 20,000 prompt tokens: the 5th percentile is the lowest (rank 0.95 → 0), the 95th the highest (rank 18.05 → 19).
        var estimate = ForecastCalibration.From(Samples(20)).EstimateFor("code", TaskComplexity.Medium, ModelTier.Sonnet);

        Assert.Equal(new TokenEstimate(PromptLow: 1_000, PromptHigh: 20_000, OutputLow: 100, OutputHigh: 2_000), estimate);
    }

    [Fact]
    public void Outliers_beyond_the_95th_percentile_do_not_stretch_the_range()
    {
        var samples = Samples(40).Append(Sample(10_000_000, 1_000_000)).ToList();
        var estimate = ForecastCalibration.From(samples).EstimateFor("code", TaskComplexity.Medium, ModelTier.Sonnet);

        Assert.True(estimate.PromptHigh <= 40_000, $"high {estimate.PromptHigh}");
        Assert.Equal(3_000, estimate.PromptLow);
    }

    [Fact]
    public void Type_complexity_and_tier_are_calibrated_apart_and_thin_groups_borrow_from_their_complexity_and_tier_then_their_tier()
    {
        var samples = Samples(10, "code").Concat(Samples(10, "research").Select(s => s with { PromptTokens = s.PromptTokens * 10 }))
            .Concat(Samples(10, "code", tier: ModelTier.Haiku).Select(s => s with { OutputTokens = 7 }))
            .Append(Sample(999, 9, "analysis"));
        var calibration = ForecastCalibration.From(samples);

        Assert.Equal(10_000, calibration.EstimateFor("code", TaskComplexity.Medium, ModelTier.Sonnet).PromptHigh);
        Assert.Equal(100_000, calibration.EstimateFor("research", TaskComplexity.Medium, ModelTier.Sonnet).PromptHigh);
        Assert.Equal(7, calibration.EstimateFor("code", TaskComplexity.Medium, ModelTier.Haiku).OutputHigh);
        // One analysis task is not enough of its own: the 21 medium/sonnet tasks of every type stand in (ranks 1 and 19).
        var analysis = calibration.EstimateFor("analysis", TaskComplexity.Medium, ModelTier.Sonnet);
        Assert.Equal((1_000, 90_000), (analysis.PromptLow, analysis.PromptHigh));
        // No simple/sonnet history: the 21 sonnet tasks of any complexity stand in; no opus history at all: the constants.
        Assert.Equal(analysis, calibration.EstimateFor("code", TaskComplexity.Simple, ModelTier.Sonnet));
        Assert.Equal(PlanForecaster.EstimateFor(TaskComplexity.Simple), calibration.EstimateFor("code", TaskComplexity.Simple, ModelTier.Opus));
        Assert.Equal(3, calibration.CalibratedGroups);
    }

    [Fact]
    public void The_forecaster_prices_calibrated_estimates_at_each_tasks_tier()
    {
        var config = new OrchestrationConfig();
        var forecaster = new PlanForecaster(new ModelRouter(config.Providers, config.Anthropic, config.Ollama, config.Openai, config.Routing),
            new PriceCalculator(config.ModelPricing));
        var plan = PlanValidator.Validate(JsonNode.Parse(
            """{"summary": "s", "tasks": [{"title": "a", "description": "", "task_type": "code", "complexity": "medium"}]}""")).Plan!;

        var forecast = forecaster.Forecast(plan, ForecastCalibration.From(Samples(20)));

        // code/medium routes to sonnet ($3 in, $15 out per million): 1,000 + 100 tokens low, 20,000 + 2,000 high.
        Assert.Equal((1_000 * 3m + 100 * 15m) / 1_000_000m, forecast.TotalUsdLow);
        Assert.Equal((20_000 * 3m + 2_000 * 15m) / 1_000_000m, forecast.TotalUsdHigh);
        Assert.Equal(forecaster.Forecast(plan).TotalUsdHigh, forecaster.Forecast(plan, ForecastCalibration.None).TotalUsdHigh);
    }

    [Fact]
    public void Verification_and_knowledge_cost_is_learned_in_money_and_added_to_the_task_even_on_the_free_tier()
    {
        var config = new OrchestrationConfig();
        var forecaster = new PlanForecaster(new ModelRouter(config.Providers, config.Anthropic, config.Ollama, config.Openai, config.Routing),
            new PriceCalculator(config.ModelPricing));
        var plan = PlanValidator.Validate(JsonNode.Parse(
            """{"summary": "s", "tasks": [{"title": "a", "description": "", "task_type": "research", "complexity": "simple"}]}""")).Plan!;
        // research/simple routes to the local tier: its own calls are free, its verification on the paid model is not.
        var samples = Enumerable.Range(1, 20).Select(i => new TaskTokenSample("research", TaskComplexity.Simple, ModelTier.Ollama, 5_000, 500, i * 1_000_000L));
        var calibration = ForecastCalibration.From(samples);

        Assert.Equal((1_000_000L, 20_000_000L), calibration.OverheadFor("research", TaskComplexity.Simple, ModelTier.Ollama));
        Assert.Equal((0L, 0L), ForecastCalibration.None.OverheadFor("research", TaskComplexity.Simple, ModelTier.Ollama));
        var forecast = forecaster.Forecast(plan, calibration);
        Assert.Equal((0.001m, 0.02m), (forecast.TotalUsdLow, forecast.TotalUsdHigh));
    }

    [Fact]
    public void Accuracy_is_the_share_of_runs_inside_their_range_ends_included()
    {
        var accuracy = ForecastAccuracy.Of([(1m, 2m, 1m), (1m, 2m, 2m), (1m, 2m, 1.5m), (1m, 2m, 0.5m), (1m, 2m, 3m)]);

        Assert.Equal((5, 3, 1, 1), (accuracy.Runs, accuracy.Inside, accuracy.Below, accuracy.Above));
        Assert.Equal(0.6, accuracy.InsideShare);
        Assert.Null(ForecastAccuracy.Of([]).InsideShare);
    }
}
