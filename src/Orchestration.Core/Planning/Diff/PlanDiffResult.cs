namespace Orchestration.Core.Planning.Diff;

/// <summary>What changed from one plan version to another (docs/planning.md, "Plan diffs").</summary>
/// <param name="Identical">No task was added, removed or changed and the summary is the same.</param>
/// <param name="Summary">The plan summary before and after, or null when it did not change.</param>
public sealed record PlanDiffResult(
    bool Identical, FieldChange? Summary, TaskDiff Tasks, CoverageDiff Coverage, ForecastDiff Forecast);
