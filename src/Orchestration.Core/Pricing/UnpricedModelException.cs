namespace Orchestration.Core.Pricing;

/// <summary>A paid model has no <c>model_pricing</c> entry. The call is refused: an unpriced model would bypass the caps.</summary>
public sealed class UnpricedModelException(string provider, string model)
    : Exception($"Model '{model}' (provider '{provider}') has no 'model_pricing' entry, so its cost cannot be checked against the budget. " +
                $"Add \"model_pricing\": {{\"{model}\": {{\"input_per_mtok\": ..., \"output_per_mtok\": ...}}}} to config.json.")
{
    public string Provider { get; } = provider;
    public string Model { get; } = model;
}
