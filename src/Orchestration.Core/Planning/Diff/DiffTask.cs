namespace Orchestration.Core.Planning.Diff;

/// <summary>A task that is only in one of the two plans. <see cref="DependsOn"/> names the tasks it needs by title.</summary>
public sealed record DiffTask(
    int Index, string Title, string? Phase, string TaskType, string Complexity, string? ModelTier,
    IReadOnlyList<string> DependsOn, IReadOnlyList<string> RequirementIds);
