using Orchestration.Core.Configuration;
using Orchestration.Core.Pricing;

namespace Orchestration.Core.Tests.Pricing;

public sealed class PriceCalculatorTests
{
    private static readonly PriceCalculator Calculator = new(ModelPrice.Defaults());

    [Fact]
    public void Cost_is_exact_decimal_per_million_tokens()
    {
        // sonnet: $3 in, $15 out per MTok → 1,234 × 3 / 1e6 + 567 × 15 / 1e6 = 0.003702 + 0.008505
        Assert.Equal(0.012207m, Calculator.Cost("anthropic", "claude-sonnet-4-6", new TokenUsage(1_234, 567, 0, 0)));
        Assert.Equal(0.000001m, Calculator.Cost("anthropic", "claude-haiku-4-5-20251001", new TokenUsage(1, 0, 0, 0)));
        Assert.Equal(0.000075m, Calculator.Cost("anthropic", "claude-opus-4-6", new TokenUsage(0, 1, 0, 0)));
    }

    [Fact]
    public void Ten_thousand_tiny_calls_sum_exactly()
    {
        var total = 0m;
        for (var i = 0; i < 10_000; i++)
        {
            total += Calculator.Cost("anthropic", "claude-haiku-4-5-20251001", new TokenUsage(3, 7, 0, 0));
        }
        Assert.Equal(0.38m, total); // (3 × 1 + 7 × 5) / 1e6 × 10,000
    }

    [Fact]
    public void Cache_rates_default_to_1_25x_and_0_1x_of_input()
    {
        // sonnet has no cache rates configured: write 3.75, read 0.30 per MTok.
        Assert.Equal(0.00375m, Calculator.Cost("anthropic", "claude-sonnet-4-6", new TokenUsage(0, 0, 1_000, 0)));
        Assert.Equal(0.0003m, Calculator.Cost("anthropic", "claude-sonnet-4-6", new TokenUsage(0, 0, 0, 1_000)));
        // Every part at its own rate.
        Assert.Equal((100 * 3m + 50 * 15m + 200 * 3.75m + 400 * 0.3m) / 1_000_000m,
            Calculator.Cost("anthropic", "claude-sonnet-4-6", new TokenUsage(100, 50, 200, 400)));
    }

    [Fact]
    public void Explicit_cache_rates_are_used()
    {
        var prices = new Dictionary<string, ModelPrice>
        {
            ["m"] = new() { InputPerMtok = 2m, OutputPerMtok = 8m, CacheWritePerMtok = 5m, CacheReadPerMtok = 0.5m },
        };
        Assert.Equal(0.0055m, new PriceCalculator(prices).Cost("anthropic", "m", new TokenUsage(0, 0, 1_000, 1_000)));
    }

    [Fact]
    public void Ollama_is_free_even_without_a_price()
    {
        Assert.Equal(0m, Calculator.Cost("ollama", "qwen2.5-coder:14b", new TokenUsage(10_000, 10_000, 0, 0)));
        Assert.Equal(0m, Calculator.WorstCase("ollama", "qwen2.5-coder:14b", 10_000, 4_096));
    }

    [Theory]
    [InlineData("anthropic")]
    [InlineData("openai")]
    [InlineData("simulated")]
    public void A_paid_model_without_a_price_is_refused(string provider)
    {
        Assert.False(Calculator.IsPriced("mystery-model"));
        var ex = Assert.Throws<UnpricedModelException>(() => Calculator.Cost(provider, "mystery-model", new TokenUsage(1, 1, 0, 0)));
        Assert.Equal("mystery-model", ex.Model);
        Assert.Contains("model_pricing", ex.Message, StringComparison.Ordinal);
        Assert.Throws<UnpricedModelException>(() => Calculator.WorstCase(provider, "mystery-model", 1, 1));
    }

    [Fact]
    public void Worst_case_prices_the_prompt_at_the_dearer_of_input_and_cache_write_plus_max_output()
    {
        // sonnet: prompt at 3.75 (cache write 1.25 × 3), output at 15.
        Assert.Equal((2_000 * 3.75m + 4_096 * 15m) / 1_000_000m, Calculator.WorstCase("anthropic", "claude-sonnet-4-6", 2_000, 4_096));
        Assert.Equal(0.06144m, Calculator.WorstCase("anthropic", "claude-sonnet-4-6", 0, 4_096));
        var noCachePremium = new PriceCalculator(new Dictionary<string, ModelPrice>
        {
            ["m"] = new() { InputPerMtok = 2m, OutputPerMtok = 8m, CacheWritePerMtok = 1m },
        });
        Assert.Equal((1_000 * 2m + 10 * 8m) / 1_000_000m, noCachePremium.WorstCase("openai", "m", 1_000, 10));
    }

    [Fact]
    public void Worst_case_bounds_any_real_cost_with_the_same_token_counts()
    {
        var usage = new TokenUsage(300, 4_096, 1_200, 500);
        var worst = Calculator.WorstCase("anthropic", "claude-haiku-4-5-20251001", usage.PromptTotal, usage.Output);
        Assert.True(Calculator.Cost("anthropic", "claude-haiku-4-5-20251001", usage) <= worst);
    }

    [Fact]
    public void Negative_counts_are_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Calculator.Cost("anthropic", "claude-opus-4-6", new TokenUsage(-1, 0, 0, 0)));
}
