namespace Orchestration.Core.Planning.Diff;

/// <summary>Requirement coverage of both plans, and which requirement ids gained or lost every covering task.</summary>
public sealed record CoverageDiff(
    CoverageSummary Before, CoverageSummary After, IReadOnlyList<string> NewlyCovered, IReadOnlyList<string> NewlyUncovered);
