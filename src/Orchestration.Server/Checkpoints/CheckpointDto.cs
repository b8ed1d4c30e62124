namespace Orchestration.Server.Checkpoints;

/// <summary>A checkpoint as docs/api.md shows it, plus the task's title, the errors seen and how it was
/// resolved.</summary>
public sealed record CheckpointDto(
    string Id, string ProjectId, string? TaskId, string? TaskTitle, string CheckpointType, string Summary, List<CheckpointAttemptDto> Attempts,
    List<string> Errors, string Question, string? Response, string? Resolution, double CreatedAt, double? ResolvedAt);
