namespace Orchestration.Storage.Execution;

/// <summary>Feedback for the next attempt of a task. <paramref name="Source"/>: verifier, reviewer or checkpoint.</summary>
public sealed record FeedbackEntry(string Source, string Text, double Timestamp);
