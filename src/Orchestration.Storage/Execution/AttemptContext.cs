using Orchestration.Storage.Knowledge;

namespace Orchestration.Storage.Execution;

/// <summary>What a claimed attempt needs to build its prompt and bill its call.</summary>
public sealed record AttemptContext(
    AttemptKey Key,
    ExecutionTask Task,
    string OwnerId,
    string ProjectName,
    string Requirements,
    string? PlanSummary,
    IReadOnlyList<DependencyOutput> Dependencies)
{
    /// <summary>The project's knowledge, newest first (the prompt takes as much as fits).</summary>
    public IReadOnlyList<KnowledgeRecord> Knowledge { get; init; } = [];
}
