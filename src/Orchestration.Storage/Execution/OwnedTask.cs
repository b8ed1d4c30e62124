namespace Orchestration.Storage.Execution;

/// <summary>A task read for a person's action on it, with its project's status and config (the owner's tasks only).</summary>
public sealed class OwnedTask
{
    public string Id { get; init; } = "";
    public string ProjectId { get; init; } = "";
    public string Title { get; init; } = "";
    public string Status { get; init; } = "";
    public long ManualRetries { get; init; }
    public double? NotBefore { get; init; }
    public bool HasOutput { get; init; }
    public string FeedbackJson { get; init; } = "[]";
    /// <summary>When the task last changed; for a waiting task, when its wait began.</summary>
    public double UpdatedAt { get; init; }
    public string ProjectStatus { get; init; } = "";
    public string? ProjectConfig { get; init; }
    /// <summary>Set while a re-plan of the project waits for a decision: no task starts.</summary>
    public double? ProjectReplanHoldSince { get; init; }
}
