using Microsoft.Extensions.AI;
using Orchestration.Core.Pricing;

namespace Orchestration.Engine.Models.Pipeline;

/// <summary>
/// One gateway call as the decorators see it: who pays, which provider answers, whose prices apply
/// (<see cref="PricingProvider"/>: the simulated provider is priced as the provider it stands in for), and, once
/// the budget decorator has settled it, what the call used and cost.
/// </summary>
internal sealed class ModelCallScope(ModelCallContext context, string provider, string model, string pricingProvider)
{
    public string CallId { get; } = Orchestration.Core.Domain.Ids.New();
    public ModelCallContext Context { get; } = context;
    public string Provider { get; } = provider;
    public string Model { get; } = model;
    public string PricingProvider { get; } = pricingProvider;

    public TokenUsage Usage { get; set; }
    public decimal CostUsd { get; set; }
    public bool Settled { get; set; }

    public static ModelCallScope Of(ChatOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(ModelOptionKeys.Call, out var value) == true && value is ModelCallScope scope
            ? scope
            : throw new InvalidOperationException("Model calls must go through IModelGateway, which sets the call scope.");

    public static ModelCallScope? Find(ChatOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(ModelOptionKeys.Call, out var value) == true ? value as ModelCallScope : null;
}
