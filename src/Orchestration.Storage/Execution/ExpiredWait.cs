namespace Orchestration.Storage.Execution;

/// <summary>A task of an executing project that has waited for a person (needs_review) since <see cref="WaitingSince"/>,
/// with its open checkpoint, if any.</summary>
public sealed class ExpiredWait
{
    public string TaskId { get; init; } = "";
    public string ProjectId { get; init; } = "";
    public string OwnerId { get; init; } = "";
    public double WaitingSince { get; init; }
    public string? CheckpointId { get; init; }
    public bool HasOutput { get; init; }
}
