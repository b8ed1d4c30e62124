namespace Orchestration.Storage.Execution;

/// <summary>A person's resolution of a checkpoint. <paramref name="Action"/>: retry | skip | fail.
/// <paramref name="Gotcha"/>, when given, is stored as a finding with the status the engine admitted it with.</summary>
public sealed record CheckpointDecision(string Action, string? Guidance, string? Gotcha)
{
    /// <summary>proposed | accepted (wire string), from execution.knowledge_policy.</summary>
    public string GotchaStatus { get; init; } = "accepted";
    public string? GotchaScreenReason { get; init; }
}
