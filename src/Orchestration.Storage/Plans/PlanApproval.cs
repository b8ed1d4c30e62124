using Orchestration.Core.Planning;

namespace Orchestration.Storage.Plans;

/// <summary>
/// What approving a plan writes. <see cref="ExpectedPlanJson"/> is the plan text the decomposition was computed
/// from: if the draft was edited meanwhile, the approval is refused rather than storing a stale graph.
/// <see cref="ForecastHighNanos"/> is the high forecast the approval took on, <see cref="Forced"/> whether it was approved
/// past a cap (?force=true).
/// </summary>
public sealed record PlanApproval(
    string OwnerId,
    string ProjectId,
    string PlanId,
    string ExpectedPlanJson,
    PlanDecomposition Decomposition,
    double Now,
    long ForecastHighNanos = 0,
    bool Forced = false);
