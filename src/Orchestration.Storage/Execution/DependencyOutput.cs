namespace Orchestration.Storage.Execution;

/// <summary>The output of a direct dependency, forwarded as context. <paramref name="Skipped"/>: a person skipped it
/// at a checkpoint, so there is no output to forward.</summary>
public sealed record DependencyOutput(string TaskId, string Title, string? OutputText, bool Skipped = false);
