using System.Text.Json.Nodes;
using Orchestration.Core.Domain;
using Orchestration.Core.Planning;
using Orchestration.Core.Planning.Diff;
using Orchestration.Engine.Planning;
using Orchestration.Storage.Plans;

namespace Orchestration.Server.Plans;

public static class PlanMapping
{
    public static PlanDto ToDto(this PlanRecord p)
    {
        var forecast = PlanJson.ReadForecast(p.ForecastJson);
        return new(
            p.Id, p.Id, p.ProjectId, p.Version, p.Status, p.CreatedAt, p.ApprovedAt, p.ModelUsed, p.PromptTokens, p.CompletionTokens,
            Money.ToJson(p.CostNanos), JsonObjectOrEmpty(p.PlanJson), JsonObjectOrEmpty(p.ForecastJson),
            RequirementSplitter.FromJson(p.RequirementsJson).Select(r => new RequirementDto(r.Id, r.Text)).ToList(),
            (double)forecast.TotalUsdLow, (double)forecast.TotalUsdExpected, (double)forecast.TotalUsdHigh,
            p.StatusValue == PlanStatus.Approved ? Money.ToJson(Math.Max(0, p.ProjectSpentNanos - p.SpentAtApprovalNanos)) : null,
            p.ApprovalForced, p.ReplanOf, p.ReplanOf is null ? null : [.. p.KeptTaskIds]);
    }

    public static ReplanResponse ToReplanDto(this ReplanDraft r, PlanDiffDto diff)
    {
        var d = r.Draft.ToDto();
        return new(d.Id, d.PlanId, d.ProjectId, d.Version, d.Status, d.CreatedAt, d.ModelUsed, d.PromptTokens, d.CompletionTokens, d.CostUsd,
            d.Plan, d.Forecast, d.Requirements, d.ForecastLowUsd, d.ForecastExpectedUsd, d.ForecastHighUsd, r.RunningPlan.Id, [.. r.Draft.KeptTaskIds], diff);
    }

    /// <summary>What changed from <paramref name="before"/> to <paramref name="after"/> (docs/planning.md, Plan diffs).</summary>
    public static PlanDiffDto Diff(PlanRecord before, PlanRecord after)
    {
        var diff = PlanDiff.Compute(PlanSnapshots.Of(before), PlanSnapshots.Of(after));
        return new PlanDiffDto(before.ToVersionDto(), after.ToVersionDto(), diff.Identical, diff.Summary, diff.Tasks, diff.Coverage, diff.Forecast);
    }

    public static PlanVersionDto ToVersionDto(this PlanRecord p) => new(p.Id, p.Version, p.Status, p.CreatedAt);

    public static ApproveResponse ToDto(this ApprovalOutcome o, string planId) => new(
        true, planId, o.Approval.TaskIds.Count, [.. o.Approval.TaskIds], o.Approval.TotalWaves,
        (double)o.Forecast.TotalUsdHigh, (double)o.Forecast.TotalUsdLow, (double)o.Forecast.TotalUsdHigh,
        o.Approval.ReplacedTasks, o.Summary, o.Forced, o.Swapped);

    public static CoverageDto ToDto(this CoverageReport c) => new(
        c.ProjectId, c.PlanId, c.PlanStatus, c.Requirements.Count, c.CoveredCount, c.UncoveredCount,
        c.Requirements.Where(r => !r.Covered).Select(r => r.Id).ToList(),
        c.Requirements.Select(r => new RequirementCoverageDto(r.Id, r.Text, r.Covered, [.. r.TaskIds], [.. r.TaskIndexes], r.Completed)).ToList());

    private static JsonNode JsonObjectOrEmpty(string json) => PlanJson.TryParse(json) as JsonObject ?? [];
}
