namespace Orchestration.Core.Planning;

/// <summary>Which tasks serve one requirement. <see cref="TaskIndexes"/> are plan indexes (also known before approval).</summary>
public sealed record RequirementCoverage(
    string Id,
    string Text,
    bool Covered,
    IReadOnlyList<string> TaskIds,
    IReadOnlyList<int> TaskIndexes,
    bool Completed);
