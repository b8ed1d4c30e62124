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
    /// <summary>Set at approval: the high forecast taken on, whether it was forced past a cap, and the project's spend then.</summary>
    public long? ForecastHighNanos { get; init; }
    public bool ApprovalForced { get; init; }
    public long SpentAtApprovalNanos { get; init; }
    /// <summary>A re-plan's draft: the plan it replaces, and the ids of the tasks it keeps as they are (JSON array).</summary>
    public string? ReplanOf { get; init; }
    public string? KeptTaskIdsJson { get; init; }
    /// <summary>What the project has spent so far, all plans and planning included (read with the plan).</summary>
    public long ProjectSpentNanos { get; init; }

    public PlanStatus StatusValue => WireNames.Parse<PlanStatus>(Status);

    /// <summary>The ids in <see cref="KeptTaskIdsJson"/>, in plan order (none for a plan that is not a re-plan).</summary>
    public IReadOnlyList<string> KeptTaskIds =>
        KeptTaskIdsJson is null ? [] : System.Text.Json.JsonSerializer.Deserialize<List<string>>(KeptTaskIdsJson) ?? [];
}
