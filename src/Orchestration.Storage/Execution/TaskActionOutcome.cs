namespace Orchestration.Storage.Execution;

/// <summary>The result of a user's retry or cancel of one task.</summary>
/// <param name="Refusal">Why it was refused (a 409), or null when done.</param>
/// <param name="ProjectStatus">The project's status after the action (wire string).</param>
public sealed record TaskActionOutcome(string TaskId, string ProjectId, string ProjectStatus, string? Refusal)
{
    public bool Done => Refusal is null;
}
