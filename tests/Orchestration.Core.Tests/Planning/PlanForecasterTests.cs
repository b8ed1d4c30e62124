using System.Text.Json.Nodes;
using Orchestration.Core.Configuration;
using Orchestration.Core.Domain;
using Orchestration.Core.Planning;
using Orchestration.Core.Pricing;
using Orchestration.Core.Routing;

namespace Orchestration.Core.Tests.Planning;

public sealed class PlanForecasterTests
{
    private static PlanForecaster ForecasterFor(OrchestrationConfig config) =>
        new(new ModelRouter(config.Providers, config.Anthropic, config.Ollama, config.Openai, config.Routing), new PriceCalculator(config.ModelPricing));

    private static PlanDocument Plan(params string[] tasks) =>
        PlanValidator.Validate(JsonNode.Parse("{\"summary\": \"s\", \"tasks\": [" + string.Join(",", tasks) + "]}")).Plan!;

    private static string Task(string title, string type, string complexity, string extra = "") =>
        $$"""{"title": "{{title}}", "description": "", "task_type": "{{type}}", "complexity": "{{complexity}}"{{extra}}}""";

    [Fact]
    public void Each_task_is_priced_at_its_routed_tier_from_low_to_high_estimate()
    {
        var forecaster = ForecasterFor(new OrchestrationConfig());
        var forecast = forecaster.Forecast(Plan(Task("a", "code", "medium"), Task("b", "research", "simple"), Task("c", "code", "simple", ", \"model_tier\": \"opus\"")));

        var code = forecast.Tasks[0];
        Assert.Equal(ModelTier.Sonnet, code.ModelTier);
        Assert.Equal("claude-sonnet-4-6", code.Model);
        var medium = PlanForecaster.EstimateFor(TaskComplexity.Medium);
        Assert.Equal((medium.PromptLow * 3m + medium.OutputLow * 15m) / 1_000_000m, code.EstCostUsdLow);
        Assert.Equal((medium.PromptHigh * 3m + medium.OutputHigh * 15m) / 1_000_000m, code.EstCostUsdHigh);

        var local = forecast.Tasks[1];
        Assert.Equal(ModelTier.Ollama, local.ModelTier);
        Assert.Equal(0m, local.EstCostUsdHigh);

        var opus = forecast.Tasks[2];
        Assert.Equal(ModelTier.Opus, opus.ModelTier);
        Assert.Equal("claude-opus-4-6", opus.Model);
        Assert.True(opus.EstCostUsdLow > code.EstCostUsdLow);

        Assert.Equal(forecast.Tasks.Sum(t => t.EstCostUsdLow), forecast.TotalUsdLow);
        Assert.Equal(forecast.Tasks.Sum(t => t.EstCostUsdHigh), forecast.TotalUsdHigh);
        Assert.True(forecast.TotalUsdHigh > forecast.TotalUsdLow);
    }

    [Fact]
    public void Higher_complexity_never_costs_less()
    {
        var forecaster = ForecasterFor(new OrchestrationConfig());
        var forecast = forecaster.Forecast(Plan(
            Task("s", "code", "simple", ", \"model_tier\": \"sonnet\""),
            Task("m", "code", "medium", ", \"model_tier\": \"sonnet\""),
            Task("c", "code", "complex", ", \"model_tier\": \"sonnet\"")));
        Assert.True(forecast.Tasks[0].EstCostUsdHigh < forecast.Tasks[1].EstCostUsdHigh);
        Assert.True(forecast.Tasks[1].EstCostUsdHigh < forecast.Tasks[2].EstCostUsdHigh);
        Assert.True(forecast.Tasks[0].EstCostUsdLow < forecast.Tasks[2].EstCostUsdLow);
    }

    [Fact]
    public void A_model_without_a_price_is_flagged_not_free()
    {
        var config = new OrchestrationConfig();
        config.Providers.Default = "anthropic";
        config.Anthropic.Models["haiku"] = "claude-nobody-priced";
        var forecast = ForecasterFor(config).Forecast(Plan(Task("a", "integration", "simple")));
        var task = Assert.Single(forecast.Tasks);
        Assert.Equal("claude-nobody-priced", task.Model);
        Assert.False(task.Priced);
    }

    [Fact]
    public void Unknown_task_types_use_the_default_tier()
    {
        var config = new OrchestrationConfig();
        config.Routing.DefaultTier = "sonnet";
        var forecast = ForecasterFor(config).Forecast(Plan(Task("a", "video_editing", "simple")));
        Assert.Equal(ModelTier.Sonnet, forecast.Tasks[0].ModelTier);
    }
}
