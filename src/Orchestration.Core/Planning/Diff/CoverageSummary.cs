namespace Orchestration.Core.Planning.Diff;

/// <summary>How many of a plan's requirements some task lists, and which none does.</summary>
public sealed record CoverageSummary(int TotalRequirements, int CoveredCount, IReadOnlyList<string> UncoveredIds);
