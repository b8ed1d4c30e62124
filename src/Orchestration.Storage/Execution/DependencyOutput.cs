namespace Orchestration.Storage.Execution;

/// <summary>The output of a direct dependency, forwarded as context.</summary>
public sealed record DependencyOutput(string TaskId, string Title, string? OutputText);
