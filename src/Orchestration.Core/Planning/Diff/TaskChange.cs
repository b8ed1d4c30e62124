namespace Orchestration.Core.Planning.Diff;

/// <summary>A task in both plans whose fields or dependencies differ.</summary>
/// <param name="Title">The title in the after plan.</param>
/// <param name="MatchedBy">How the two were paired: <see cref="TaskMatch.ByTitle"/> or <see cref="TaskMatch.ByDescription"/>.</param>
/// <param name="DependenciesAdded">Titles (after plan) of the tasks it newly needs.</param>
/// <param name="DependenciesRemoved">Titles (before plan) of the tasks it no longer needs.</param>
public sealed record TaskChange(
    int BeforeIndex, int AfterIndex, string Title, string MatchedBy, IReadOnlyList<FieldChange> Changes,
    IReadOnlyList<string> DependenciesAdded, IReadOnlyList<string> DependenciesRemoved);
