using Orchestration.Core.Configuration;
using Orchestration.Core.Domain;
using Orchestration.Core.Routing;

namespace Orchestration.Core.Tests.Routing;

public sealed class ModelRouterTests
{
    private static OrchestrationConfig Config(string provider = "anthropic", string? key = "sk-test")
    {
        var config = new OrchestrationConfig();
        config.Providers.Default = provider;
        config.Anthropic.ApiKey = key;
        return config;
    }

    private static ModelRouter Router(OrchestrationConfig c) => new(c.Providers, c.Anthropic, c.Ollama, c.Openai, c.Routing);

    [Theory]
    [InlineData("code", "simple", ModelTier.Haiku)]
    [InlineData("code", "medium", ModelTier.Sonnet)]
    [InlineData("research", "simple", ModelTier.Ollama)]
    [InlineData("research", "complex", ModelTier.Sonnet)]
    [InlineData("asset", "complex", ModelTier.Ollama)]
    [InlineData("integration", "medium", ModelTier.Haiku)]
    [InlineData("documentation", "medium", ModelTier.Haiku)]
    public void Tier_comes_from_the_routing_table(string taskType, string complexity, ModelTier expected) =>
        Assert.Equal(expected, Router(Config()).TierFor(taskType, complexity, null));

    [Theory]
    [InlineData("poetry", "simple")]
    [InlineData("code", "gigantic")]
    [InlineData("", "")]
    public void Unknown_task_type_or_complexity_uses_the_default_tier(string taskType, string complexity)
    {
        var config = Config();
        config.Routing.DefaultTier = "sonnet";
        Assert.Equal(ModelTier.Sonnet, Router(config).TierFor(taskType, complexity, null));
    }

    [Fact]
    public void An_explicit_tier_wins_over_the_table() =>
        Assert.Equal(ModelTier.Opus, Router(Config()).TierFor("research", "simple", ModelTier.Opus));

    [Fact]
    public void A_custom_table_is_honoured()
    {
        var config = Config();
        config.Routing.Table["poetry"] = new() { ["simple"] = "opus" };
        Assert.Equal(ModelTier.Opus, Router(config).TierFor("poetry", "simple", null));
    }

    [Theory]
    [InlineData(ModelTier.Ollama, ModelTier.Haiku)]
    [InlineData(ModelTier.Haiku, ModelTier.Sonnet)]
    [InlineData(ModelTier.Sonnet, null)]
    [InlineData(ModelTier.Opus, null)]
    public void One_up_climbs_to_sonnet_and_never_to_opus(ModelTier tier, ModelTier? expected) =>
        Assert.Equal(expected, ModelRouter.OneUp(tier));

    [Fact]
    public void Anthropic_tiers_map_to_configured_models_and_ollama_to_the_local_model()
    {
        var router = Router(Config());
        Assert.Equal("claude-haiku-4-5-20251001", router.ModelFor(ModelTier.Haiku));
        Assert.Equal("claude-sonnet-4-6", router.ModelFor(ModelTier.Sonnet));
        Assert.Equal("claude-opus-4-6", router.ModelFor(ModelTier.Opus));
        Assert.Equal("qwen2.5-coder:14b", router.ModelFor(ModelTier.Ollama));
        Assert.Equal("anthropic", router.ProviderFor(ModelTier.Sonnet));
        Assert.Equal("ollama", router.ProviderFor(ModelTier.Ollama));
    }

    [Fact]
    public void Auto_picks_anthropic_with_a_key_and_simulated_without()
    {
        Assert.Equal("anthropic", Router(Config("auto", "sk-x")).DefaultProvider);
        var simulated = Router(Config("auto", null));
        Assert.Equal("simulated", simulated.DefaultProvider);
        Assert.True(simulated.IsSimulated);
        // Simulated stands in for every tier, and keeps the model names so it is priced as them.
        Assert.Equal("simulated", simulated.ProviderFor(ModelTier.Ollama));
        Assert.Equal("simulated", simulated.ProviderFor(ModelTier.Haiku));
        Assert.Equal("claude-haiku-4-5-20251001", simulated.ModelFor(ModelTier.Haiku));
        Assert.Equal("qwen2.5-coder:14b", simulated.ModelFor(ModelTier.Ollama));
        Assert.Equal(("simulated", "claude-sonnet-4-6"), simulated.Resolve("claude-sonnet-4-6"));
    }

    [Fact]
    public void Openai_default_maps_tiers_and_anthropic_model_names_to_openai_models()
    {
        var config = Config("openai", null);
        config.Openai.BaseUrl = "http://127.0.0.1:1/v1";
        config.Openai.Models = new() { ["haiku"] = "small-model", ["sonnet"] = "big-model" };
        var router = Router(config);
        Assert.Equal("openai", router.ProviderFor(ModelTier.Haiku));
        Assert.Equal("small-model", router.ModelFor(ModelTier.Haiku));
        Assert.Equal("big-model", router.ModelFor(ModelTier.Sonnet));
        Assert.Equal("big-model", router.ModelFor(ModelTier.Opus)); // nearest configured tier below
        Assert.Equal("ollama", router.ProviderFor(ModelTier.Ollama));
        Assert.Equal(("openai", "small-model"), router.Resolve("claude-haiku-4-5-20251001"));
        Assert.Equal(("openai", "big-model"), router.Resolve("claude-sonnet-4-6"));
        Assert.Equal(("openai", "gpt-exact"), router.Resolve("gpt-exact"));
    }

    [Fact]
    public void Ollama_default_runs_every_tier_locally()
    {
        var router = Router(Config("ollama", null));
        Assert.Equal("ollama", router.ProviderFor(ModelTier.Sonnet));
        Assert.Equal("qwen2.5-coder:14b", router.ModelFor(ModelTier.Sonnet));
        Assert.Equal(("ollama", "qwen2.5-coder:14b"), router.Resolve("claude-sonnet-4-6"));
    }

    [Fact]
    public void Exact_models_go_to_the_default_provider_and_the_local_model_to_ollama()
    {
        var router = Router(Config());
        Assert.Equal(("anthropic", "claude-haiku-4-5-20251001"), router.Resolve("claude-haiku-4-5-20251001"));
        Assert.Equal(("ollama", "qwen2.5-coder:14b"), router.Resolve("qwen2.5-coder:14b"));
    }
}
