using Orchestration.Core.Planning;

namespace Orchestration.Engine.Planning;

/// <summary>Requirement coverage of a project's current plan (approved, else the newest draft; none before planning).
/// Numbering is the one stored with that plan, so later edits of the requirements do not shift it.</summary>
public sealed record CoverageReport(string ProjectId, string? PlanId, string? PlanStatus, IReadOnlyList<RequirementCoverage> Requirements)
{
    public int CoveredCount => Requirements.Count(r => r.Covered);
    public int UncoveredCount => Requirements.Count - CoveredCount;
}
