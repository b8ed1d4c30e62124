namespace Orchestration.Storage.Checkpoints;

/// <summary>A checkpoint to open for a task: what happened, the errors seen, and the question for the person.</summary>
public sealed record NewCheckpoint(string CheckpointType, string Summary, IReadOnlyList<string> Errors, string Question);
