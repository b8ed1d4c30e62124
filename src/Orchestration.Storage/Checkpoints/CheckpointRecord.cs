namespace Orchestration.Storage.Checkpoints;

/// <summary>One checkpoint row. attempts_json is [{message, timestamp}], errors_json is [text].</summary>
public sealed class CheckpointRecord
{
    public string Id { get; init; } = "";
    public string ProjectId { get; init; } = "";
    public string? TaskId { get; init; }
    public string? TaskTitle { get; init; }
    public string CheckpointType { get; init; } = "";
    public string Summary { get; init; } = "";
    public string AttemptsJson { get; init; } = "[]";
    public string ErrorsJson { get; init; } = "[]";
    public string Question { get; init; } = "";
    /// <summary>retry | skip | fail once resolved (or how it was closed otherwise: approved, cancelled).</summary>
    public string? Resolution { get; init; }
    public string? Response { get; init; }
    public double CreatedAt { get; init; }
    public double? ResolvedAt { get; init; }
}
