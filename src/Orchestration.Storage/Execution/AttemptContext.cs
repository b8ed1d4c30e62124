namespace Orchestration.Storage.Execution;

/// <summary>What a claimed attempt needs to build its prompt and bill its call.</summary>
public sealed record AttemptContext(
    AttemptKey Key,
    ExecutionTask Task,
    string OwnerId,
    string ProjectName,
    string Requirements,
    string? PlanSummary,
    IReadOnlyList<DependencyOutput> Dependencies);
