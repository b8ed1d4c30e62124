using Orchestration.Core.Domain;

namespace Orchestration.Core.Planning.Diff;

/// <summary>
/// Compares two plan versions: tasks added, removed and changed field by field (tasks paired as
/// <see cref="TaskPairing"/> says), dependencies by the identity of the task depended on (so an index that only shifted
/// is no change), requirement coverage and forecast before and after. Pure: the same inputs give the same diff.
/// </summary>
public static class PlanDiff
{
    public static PlanDiffResult Compute(PlanVersionSnapshot before, PlanVersionSnapshot after)
    {
        var tasks = CompareTasks(before.Plan, after.Plan);
        var summary = before.Plan.Summary == after.Plan.Summary ? null : new FieldChange("summary", before.Plan.Summary, after.Plan.Summary);
        var coverage = CompareCoverage(before, after);
        var (from, to) = (ForecastSummary.Of(before.Plan, before.Forecast), ForecastSummary.Of(after.Plan, after.Forecast));
        return new PlanDiffResult(tasks.IsEmpty && summary is null, summary, tasks, coverage, new ForecastDiff(from, to, to.Minus(from)));
    }

    /// <summary>The task part of a diff alone: what a replan compares against the running plan.</summary>
    public static TaskDiff CompareTasks(PlanDocument before, PlanDocument after)
    {
        var (old, now) = (before.AllTasks(), after.AllTasks());
        var pairing = new TaskPairing(old, now);
        var changed = new List<TaskChange>();
        var unchanged = 0;
        foreach (var b in old)
        {
            if (pairing.AfterOf(b.Index) is not { } afterIndex)
            {
                continue;
            }
            var a = now[afterIndex];
            var fields = TaskFields.Compare(b, a);
            // A dependency is the task depended on, named by its after index when it is in both plans.
            var oldDeps = b.Task.DependsOn.ToDictionary(d => pairing.AfterOf(d) is { } p ? $"a{p}" : $"b{d}", d => old[d].Task.Title);
            var newDeps = a.Task.DependsOn.ToDictionary(d => $"a{d}", d => now[d].Task.Title);
            var added = newDeps.Where(d => !oldDeps.ContainsKey(d.Key)).Select(d => d.Value).ToList();
            var removed = oldDeps.Where(d => !newDeps.ContainsKey(d.Key)).Select(d => d.Value).ToList();
            if (fields.Count == 0 && added.Count == 0 && removed.Count == 0)
            {
                unchanged++;
                continue;
            }
            changed.Add(new TaskChange(b.Index, a.Index, a.Task.Title, pairing.MatchedBy(b.Index), fields, added, removed));
        }
        var addedTasks = now.Where(a => pairing.BeforeOf(a.Index) is null).Select(a => Describe(a, now)).ToList();
        var removedTasks = old.Where(b => pairing.AfterOf(b.Index) is null).Select(b => Describe(b, old)).ToList();
        return new TaskDiff(addedTasks, removedTasks, changed.OrderBy(c => c.AfterIndex).ToList(), unchanged);
    }

    private static DiffTask Describe(IndexedPlanTask t, IReadOnlyList<IndexedPlanTask> plan) => new(
        t.Index, t.Task.Title, t.Phase, t.Task.TaskType, t.Task.Complexity.ToWire(), t.Task.ModelTier?.ToWire(),
        t.Task.DependsOn.Select(d => plan[d].Task.Title).ToList(), t.Task.RequirementIds);

    private static CoverageDiff CompareCoverage(PlanVersionSnapshot before, PlanVersionSnapshot after)
    {
        var (from, to) = (Coverage(before), Coverage(after));
        var coveredBefore = from.Where(r => r.Covered).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        return new CoverageDiff(
            Summarize(from), Summarize(to),
            to.Where(r => r.Covered && !coveredBefore.Contains(r.Id)).Select(r => r.Id).ToList(),
            to.Where(r => !r.Covered && coveredBefore.Contains(r.Id)).Select(r => r.Id).ToList());
    }

    private static IReadOnlyList<RequirementCoverage> Coverage(PlanVersionSnapshot version) =>
        CoverageCalculator.Compute(version.Requirements,
            version.Plan.AllTasks().Select(t => new CoverageTask(null, t.Index, t.Task.RequirementIds, false)).ToList());

    private static CoverageSummary Summarize(IReadOnlyList<RequirementCoverage> coverage) =>
        new(coverage.Count, coverage.Count(r => r.Covered), coverage.Where(r => !r.Covered).Select(r => r.Id).ToList());
}
