namespace Orchestration.Server.Checkpoints;

/// <summary>One attempt of the task before the checkpoint: what happened and when (epoch seconds).</summary>
public sealed record CheckpointAttemptDto(string Message, double Timestamp);
