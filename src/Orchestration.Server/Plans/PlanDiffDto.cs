using Orchestration.Core.Planning.Diff;

namespace Orchestration.Server.Plans;

/// <summary>GET /plans/{a}/diff/{b}: what changed from version <c>from</c> to version <c>to</c> (docs/planning.md).</summary>
public sealed record PlanDiffDto(
    PlanVersionDto From, PlanVersionDto To, bool Identical, FieldChange? Summary, TaskDiff Tasks, CoverageDiff Coverage,
    ForecastDiff Forecast);
