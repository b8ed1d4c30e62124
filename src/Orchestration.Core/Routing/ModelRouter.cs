using Orchestration.Core.Configuration;
using Orchestration.Core.Domain;

namespace Orchestration.Core.Routing;

/// <summary>
/// Chooses the tier of a task (<c>routing.table</c>), the model of a tier and the provider that serves it.
/// Pure: whether a provider is online is the caller's business (fallback and escalation use <see cref="OneUp"/>).
/// </summary>
public sealed class ModelRouter
{
    private readonly AnthropicOptions _anthropic;
    private readonly OllamaOptions _ollama;
    private readonly OpenAIOptions _openai;
    private readonly RoutingOptions _routing;

    public ModelRouter(ProvidersOptions providers, AnthropicOptions anthropic, OllamaOptions ollama, OpenAIOptions openai, RoutingOptions routing)
    {
        (_anthropic, _ollama, _openai, _routing) = (anthropic, ollama, openai, routing);
        DefaultProvider = ResolveDefault(providers, anthropic);
    }

    /// <summary>The provider paid tiers go to: <c>providers.default</c>, with <c>auto</c> resolved
    /// (anthropic when an API key is set, else simulated).</summary>
    public string DefaultProvider { get; }

    public bool IsSimulated => DefaultProvider == ProviderNames.Simulated;

    /// <summary>routing.table[taskType][complexity]; unknown type or complexity → routing.default_tier; an explicit tier wins.</summary>
    public ModelTier TierFor(string taskType, string complexity, ModelTier? explicitTier) =>
        explicitTier ?? TierFor(_routing, taskType, complexity);

    /// <summary>The tier <paramref name="routing"/> gives a task type and complexity; also used to price a run under
    /// a routing table other than the configured one.</summary>
    public static ModelTier TierFor(RoutingOptions routing, string taskType, string complexity)
    {
        if (routing.Table.TryGetValue(taskType ?? "", out var row) &&
            row.TryGetValue(complexity ?? "", out var name) &&
            WireNames.TryParse<ModelTier>(name, out var routed))
        {
            return routed;
        }
        return WireNames.TryParse<ModelTier>(routing.DefaultTier, out var fallback) ? fallback : ModelTier.Haiku;
    }

    /// <summary>The model name a tier runs on.</summary>
    public string ModelFor(ModelTier tier)
    {
        var provider = ProviderFor(tier);
        if (provider == ProviderNames.Ollama)
        {
            return _ollama.DefaultModel;
        }
        if (provider == ProviderNames.OpenAI)
        {
            return OpenAIModelFor(tier);
        }
        // anthropic, and simulated standing in for it (priced as the model it replaces).
        return tier == ModelTier.Ollama ? _ollama.DefaultModel : AnthropicModelFor(tier);
    }

    /// <summary>"anthropic" | "openai" | "ollama" | "simulated". The ollama tier runs on Ollama unless everything is simulated.</summary>
    public string ProviderFor(ModelTier tier) => DefaultProvider switch
    {
        ProviderNames.Simulated => ProviderNames.Simulated,
        ProviderNames.Ollama => ProviderNames.Ollama,
        _ when tier == ModelTier.Ollama => ProviderNames.Ollama,
        var provider => provider,
    };

    /// <summary>
    /// Where a call that names an exact model (the planning, verification or knowledge model) goes. An Anthropic
    /// model name maps to the same tier of the OpenAI-compatible server when that is the default provider, and to
    /// the Ollama model when Ollama is the default; the Ollama model always runs on Ollama (unless simulated).
    /// </summary>
    public (string Provider, string Model) Resolve(string model)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        if (IsSimulated)
        {
            return (ProviderNames.Simulated, model);
        }
        if (model == _ollama.DefaultModel || DefaultProvider == ProviderNames.Ollama)
        {
            return (ProviderNames.Ollama, DefaultProvider == ProviderNames.Ollama ? _ollama.DefaultModel : model);
        }
        if (DefaultProvider == ProviderNames.OpenAI && TierOfAnthropicModel(model) is { } tier)
        {
            return (ProviderNames.OpenAI, OpenAIModelFor(tier));
        }
        return (DefaultProvider, model);
    }

    /// <summary>One tier up for offline fallback and escalation: ollama → haiku → sonnet → none.
    /// Opus is never chosen automatically.</summary>
    public static ModelTier? OneUp(ModelTier tier) => tier switch
    {
        ModelTier.Ollama => ModelTier.Haiku,
        ModelTier.Haiku => ModelTier.Sonnet,
        _ => null,
    };

    private string AnthropicModelFor(ModelTier tier) =>
        _anthropic.Models.TryGetValue(tier.ToWire(), out var model)
            ? model
            : throw new InvalidOperationException($"'anthropic.models.{tier.ToWire()}' is not configured.");

    private string OpenAIModelFor(ModelTier tier)
    {
        var models = _openai.Models;
        if (models.TryGetValue(tier.ToWire(), out var model))
        {
            return model;
        }
        // A server with fewer models than tiers: use the nearest configured tier above, then below.
        foreach (var candidate in new[] { ModelTier.Haiku, ModelTier.Sonnet, ModelTier.Opus }.OrderBy(t => t < tier ? 10 + (tier - t) : t - tier))
        {
            if (models.TryGetValue(candidate.ToWire(), out model))
            {
                return model;
            }
        }
        throw new InvalidOperationException($"'openai.models' has no model for tier '{tier.ToWire()}'; add \"openai\": {{\"models\": {{\"{tier.ToWire()}\": \"<model>\"}}}}.");
    }

    private ModelTier? TierOfAnthropicModel(string model)
    {
        if (model == _anthropic.PlanningModel && !_anthropic.Models.ContainsValue(model))
        {
            return ModelTier.Sonnet;
        }
        foreach (var (tier, name) in _anthropic.Models)
        {
            if (name == model && WireNames.TryParse<ModelTier>(tier, out var parsed))
            {
                return parsed;
            }
        }
        return null;
    }

    private static string ResolveDefault(ProvidersOptions providers, AnthropicOptions anthropic)
    {
        var configured = providers.Default;
        if (configured != ProviderNames.Auto)
        {
            return configured;
        }
        return string.IsNullOrWhiteSpace(anthropic.ApiKey) ? ProviderNames.Simulated : ProviderNames.Anthropic;
    }
}
