namespace Orchestration.Core.Planning;

/// <summary>One entry of an L3 plan's risk assessment. Likelihood and impact are free text (usually low|medium|high).</summary>
public sealed class RiskItem
{
    public string Risk { get; init; } = "";
    public string? Likelihood { get; init; }
    public string? Impact { get; init; }
    public string? Mitigation { get; init; }
}
