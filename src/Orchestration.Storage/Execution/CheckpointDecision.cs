namespace Orchestration.Storage.Execution;

/// <summary>A person's resolution of a checkpoint. <paramref name="Action"/>: retry | skip | fail.</summary>
public sealed record CheckpointDecision(string Action, string? Guidance, string? Gotcha);
