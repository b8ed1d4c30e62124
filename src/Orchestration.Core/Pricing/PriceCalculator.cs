using Orchestration.Core.Configuration;

namespace Orchestration.Core.Pricing;

/// <summary>
/// Exact decimal prices of model calls from <c>model_pricing</c> (USD per million tokens). Ollama runs locally and
/// is free; any other provider's model without a price is refused with <see cref="UnpricedModelException"/>.
/// The simulated provider is priced at the model it stands in for, so callers pass the provider whose prices apply.
/// </summary>
public sealed class PriceCalculator(IReadOnlyDictionary<string, ModelPrice> prices)
{
    public const string FreeProvider = "ollama";
    private const decimal TokensPerMillion = 1_000_000m;

    public bool IsPriced(string model) => prices.ContainsKey(model);

    /// <summary>True when calls through <paramref name="provider"/> to <paramref name="model"/> cost nothing.</summary>
    public static bool IsFree(string provider) => string.Equals(provider, FreeProvider, StringComparison.Ordinal);

    public decimal Cost(string provider, string model, TokenUsage usage)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(usage.Input);
        ArgumentOutOfRangeException.ThrowIfNegative(usage.Output);
        ArgumentOutOfRangeException.ThrowIfNegative(usage.CacheWrite);
        ArgumentOutOfRangeException.ThrowIfNegative(usage.CacheRead);
        if (IsFree(provider))
        {
            return 0m;
        }
        var price = PriceOf(provider, model);
        return (usage.Input * price.InputPerMtok
                + usage.Output * price.OutputPerMtok
                + usage.CacheWrite * price.EffectiveCacheWritePerMtok
                + usage.CacheRead * price.EffectiveCacheReadPerMtok) / TokensPerMillion;
    }

    /// <summary>
    /// The most a call can cost: every prompt token at the dearer of the input and cache-write rates (with prompt
    /// caching the whole prompt may be written to the cache) plus <paramref name="maxOutputTokens"/> at the output rate.
    /// </summary>
    public decimal WorstCase(string provider, string model, long promptTokens, long maxOutputTokens)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(promptTokens);
        ArgumentOutOfRangeException.ThrowIfNegative(maxOutputTokens);
        if (IsFree(provider))
        {
            return 0m;
        }
        var price = PriceOf(provider, model);
        var promptRate = Math.Max(price.InputPerMtok, price.EffectiveCacheWritePerMtok);
        return (promptTokens * promptRate + maxOutputTokens * price.OutputPerMtok) / TokensPerMillion;
    }

    private ModelPrice PriceOf(string provider, string model) =>
        prices.TryGetValue(model, out var price) ? price : throw new UnpricedModelException(provider, model);
}
