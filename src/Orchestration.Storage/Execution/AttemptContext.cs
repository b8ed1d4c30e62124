using Orchestration.Storage.Knowledge;

namespace Orchestration.Storage.Execution;

/// <summary>What a claimed attempt needs to build its prompt and bill its call.</summary>
public sealed record AttemptContext(
    AttemptKey Key,
    ExecutionTask Task,
    string OwnerId,
    string ProjectName,
    string Requirements,
    string PlanJson,
    IReadOnlyList<DependencyOutput> Dependencies)
{
    /// <summary>The project's knowledge, newest first (the prompt takes as much as fits).</summary>
    public IReadOnlyList<KnowledgeRecord> Knowledge { get; init; } = [];
}

/// <summary>The output of a direct dependency, forwarded as context. <paramref name="Skipped"/>: a person skipped it
/// at a checkpoint, so there is no output to forward.</summary>
public sealed record DependencyOutput(string TaskId, string Title, string? OutputText, bool Skipped = false);
