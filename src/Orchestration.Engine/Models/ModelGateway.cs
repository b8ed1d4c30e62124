using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Orchestration.Core.Configuration;
using Orchestration.Core.Domain;
using Orchestration.Core.Pricing;
using Orchestration.Core.Routing;
using Orchestration.Engine.Models.Pipeline;

namespace Orchestration.Engine.Models;

/// <summary>
/// The one door to every model. Resolves provider and model (<see cref="ModelRouter"/>), refuses an unpriced paid
/// model before anything is sent, stamps the options with the call's purpose and scope, and hands the call to the
/// provider's pipeline (<see cref="ProviderPipelines"/>), whose decorators reserve, retry, trace and settle.
/// </summary>
internal sealed class ModelGateway(ModelRouter router, PriceCalculator prices, ProviderPipelines pipelines, ExecutionOptions execution, OllamaOptions ollama)
    : IModelGateway, IModelStreamingGateway
{
    public async Task<ModelResponse> CompleteAsync(ModelRequest request, CancellationToken cancellationToken)
    {
        var (scope, options) = Prepare(request);
        var response = await pipelines.For(scope.Provider).GetResponseAsync(request.Messages, options, cancellationToken);
        return new ModelResponse(response, scope.Provider, scope.Model, scope.Usage.PromptTotal, scope.Usage.Output,
            Money.ToNanos(scope.CostUsd), scope.Provider == ProviderNames.Simulated);
    }

    public async IAsyncEnumerable<ChatResponseUpdate> StreamAsync(ModelRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (scope, options) = Prepare(request);
        await foreach (var update in pipelines.For(scope.Provider).GetStreamingResponseAsync(request.Messages, options, cancellationToken))
        {
            yield return update;
        }
        yield return new ChatResponseUpdate(ChatRole.Assistant, [])
        {
            ModelId = scope.Model,
            AdditionalProperties = new()
            {
                ["orch.provider"] = scope.Provider,
                ["orch.model"] = scope.Model,
                ["orch.cost_usd"] = scope.CostUsd,
                ["orch.simulated"] = scope.Provider == ProviderNames.Simulated,
            },
        };
    }

    private (ModelCallScope Scope, ChatOptions Options) Prepare(ModelRequest request)
    {
        var (provider, model) = Route(request);
        // The simulated provider is priced as what it stands in for: the local model is free, the rest are paid.
        var pricing = provider == ProviderNames.Simulated
            ? (model == ollama.DefaultModel ? ProviderNames.Ollama : ProviderNames.Anthropic)
            : provider;
        if (!PriceCalculator.IsFree(pricing) && !prices.IsPriced(model))
        {
            throw new UnpricedModelException(provider, model);
        }
        var scope = new ModelCallScope(request.Context, provider, model, pricing);
        var options = request.Options.Clone();
        options.ModelId = model;
        options.MaxOutputTokens ??= execution.DefaultMaxTokens;
        options.AdditionalProperties = options.AdditionalProperties is { } extra ? new(extra) : [];
        options.AdditionalProperties[ModelOptionKeys.Purpose] = request.Context.Purpose.ToWire();
        options.AdditionalProperties[ModelOptionKeys.Call] = scope;
        return (scope, options);
    }

    private (string Provider, string Model) Route(ModelRequest request)
    {
        if (!string.IsNullOrEmpty(request.Model))
        {
            return router.Resolve(request.Model);
        }
        var tier = request.Tier ?? throw new ArgumentException("A model request names a tier or a model.", nameof(request));
        return (router.ProviderFor(tier), router.ModelFor(tier));
    }
}
