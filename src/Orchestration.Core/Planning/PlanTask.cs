using Orchestration.Core.Domain;

namespace Orchestration.Core.Planning;

/// <summary>One task of a plan (docs/api.md, Plan JSON).</summary>
public sealed class PlanTask
{
    public string Title { get; init; } = "";
    public string Description { get; init; } = "";
    /// <summary>One of the known task types, or any other string a model produced (kept; routed by the default rule).</summary>
    public string TaskType { get; init; } = "";
    public TaskComplexity Complexity { get; init; } = TaskComplexity.Medium;
    /// <summary>0-based global indexes of the tasks this one needs; sorted, without duplicates.</summary>
    public IReadOnlyList<int> DependsOn { get; init; } = [];
    /// <summary>Null means the task type's default tools; an empty list means none.</summary>
    public IReadOnlyList<string>? ToolsNeeded { get; init; }
    public IReadOnlyList<string> RequirementIds { get; init; } = [];
    public string? VerificationCriteria { get; init; }
    public IReadOnlyList<string> AffectedFiles { get; init; } = [];
    /// <summary>An explicit tier wins over routing.</summary>
    public ModelTier? ModelTier { get; init; }
    public int? Priority { get; init; }
}
