namespace Orchestration.Storage.Knowledge;

/// <summary>A finding to store: its category (docs/api.md knowledge categories, wire string) and its text, with where it came
/// from and the status the engine admitted it with (wire strings; a task's accepted finding by default).</summary>
public sealed record NewFinding(string Category, string Content)
{
    public string Source { get; init; } = "task";
    public string? CheckpointId { get; init; }
    public string? AddedBy { get; init; }
    public string Status { get; init; } = "accepted";
    public string? ScreenReason { get; init; }
}
