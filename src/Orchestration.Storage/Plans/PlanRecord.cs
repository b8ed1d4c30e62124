using Orchestration.Core.Domain;
using Orchestration.Core.Lifecycle;

namespace Orchestration.Storage.Plans;

/// <summary>One row of the plans table. The JSON columns hold what the planning code wrote (PlanJson, forecast,
/// requirement numbering at planning time).</summary>
public sealed class PlanRecord
{
    public string Id { get; init; } = "";
    public string ProjectId { get; init; } = "";
    public long Version { get; init; }
    public string Status { get; init; } = PlanStatusNames.Draft;
    public string PlanJson { get; init; } = "{}";
    public string ForecastJson { get; init; } = "{}";
    public string RequirementsJson { get; init; } = "[]";
    public string? ModelUsed { get; init; }
    public long PromptTokens { get; init; }
    public long CompletionTokens { get; init; }
    public long CostNanos { get; init; }
    public double CreatedAt { get; init; }
    public double? ApprovedAt { get; init; }

    public PlanStatus StatusValue => WireNames.Parse<PlanStatus>(Status);
}
