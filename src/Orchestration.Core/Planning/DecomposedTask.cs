using Orchestration.Core.Domain;

namespace Orchestration.Core.Planning;

/// <summary>A plan task ready to become a task row: dependencies as global indexes, its wave and routed tier.</summary>
public sealed record DecomposedTask(
    int Index,
    string Title,
    string Description,
    string TaskType,
    TaskComplexity Complexity,
    string? Phase,
    IReadOnlyList<int> DependsOn,
    int Wave,
    int Priority,
    ModelTier ModelTier,
    IReadOnlyList<string> Tools,
    IReadOnlyList<string> RequirementIds,
    string? VerificationCriteria,
    IReadOnlyList<string> AffectedFiles);
