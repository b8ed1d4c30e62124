namespace Orchestration.Server.Knowledge;

/// <summary>A project knowledge finding as docs/api.md lists it, with where it came from (source
/// task|checkpoint|person; the task, checkpoint or person behind it) and whether it is injected into prompts (status
/// accepted) or waits (proposed, with the screening rule that held it in screen_reason).</summary>
public sealed record KnowledgeDto(
    string Id, string ProjectId, string? TaskId, string Category, string Content, string? SourceTaskTitle, double CreatedAt,
    string Source, string? CheckpointId, string? AddedBy, string Status, string? ScreenReason,
    string? ReviewedBy, double? ReviewedAt, string? EditedBy, double? EditedAt);
