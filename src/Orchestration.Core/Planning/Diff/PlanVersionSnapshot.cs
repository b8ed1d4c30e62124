namespace Orchestration.Core.Planning.Diff;

/// <summary>One plan version as a diff sees it: the plan, the requirement numbering it was made with, and its forecast.</summary>
public sealed record PlanVersionSnapshot(PlanDocument Plan, IReadOnlyList<Requirement> Requirements, PlanForecast Forecast);
