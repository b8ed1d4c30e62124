namespace Orchestration.Core.Planning;

/// <summary>A requirement is covered when some task lists its id, and completed when all of those tasks are.</summary>
public static class CoverageCalculator
{
    public static IReadOnlyList<RequirementCoverage> Compute(IReadOnlyList<Requirement> requirements, IReadOnlyList<CoverageTask> tasks) =>
        requirements.Select(r =>
        {
            var serving = tasks.Where(t => t.RequirementIds.Contains(r.Id, StringComparer.Ordinal)).OrderBy(t => t.Index).ToList();
            return new RequirementCoverage(
                r.Id,
                r.Text,
                serving.Count > 0,
                serving.Where(t => t.TaskId is not null).Select(t => t.TaskId!).ToList(),
                serving.Select(t => t.Index).ToList(),
                serving.Count > 0 && serving.All(t => t.Completed));
        }).ToList();
}
