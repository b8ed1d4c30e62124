namespace Orchestration.Storage.Knowledge;

/// <summary>One stored finding of a project, with the task it came from (null once that task is gone).</summary>
public sealed class KnowledgeRecord
{
    public string Id { get; init; } = "";
    public string ProjectId { get; init; } = "";
    public string? TaskId { get; init; }
    public string Category { get; init; } = "";
    public string Content { get; init; } = "";
    public string? SourceTaskTitle { get; init; }
    public double CreatedAt { get; init; }
}
