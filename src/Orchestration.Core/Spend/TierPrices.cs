using Orchestration.Core.Domain;
using Orchestration.Core.Pricing;
using Orchestration.Core.Routing;

namespace Orchestration.Core.Spend;

/// <summary>What a call's tokens cost on a tier: the tier's model on the provider that serves it, priced as the gateway
/// prices it (the simulated provider as the model it stands in for; the local tier free).</summary>
public sealed class TierPrices(ModelRouter router, PriceCalculator prices)
{
    public long CostNanos(ModelTier tier, TokenUsage tokens)
    {
        var provider = router.ProviderFor(tier);
        if (tier == ModelTier.Ollama || PriceCalculator.IsFree(provider))
        {
            return 0;
        }
        var pricing = provider == ProviderNames.Simulated ? ProviderNames.Anthropic : provider;
        return Money.ToNanos(prices.Cost(pricing, router.ModelFor(tier), tokens));
    }
}
