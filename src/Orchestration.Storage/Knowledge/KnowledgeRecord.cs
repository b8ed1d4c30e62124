namespace Orchestration.Storage.Knowledge;

/// <summary>One stored finding of a project, with where it came from (the task is null once that task is gone) and whether
/// it may enter prompts (wire strings: source task|checkpoint|person, status proposed|accepted|rejected).</summary>
public sealed class KnowledgeRecord
{
    public string Id { get; init; } = "";
    public string ProjectId { get; init; } = "";
    public string? TaskId { get; init; }
    public string Category { get; init; } = "";
    public string Content { get; init; } = "";
    public string? SourceTaskTitle { get; init; }
    public double CreatedAt { get; init; }
    public string Source { get; init; } = "task";
    public string? CheckpointId { get; init; }
    public string? AddedBy { get; init; }
    public string Status { get; init; } = "accepted";
    public string? ScreenReason { get; init; }
    public string? ReviewedBy { get; init; }
    public double? ReviewedAt { get; init; }
    public string? EditedBy { get; init; }
    public double? EditedAt { get; init; }
}
