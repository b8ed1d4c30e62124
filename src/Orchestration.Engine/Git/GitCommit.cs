namespace Orchestration.Engine.Git;

/// <summary>A commit made for a task: its sha, the branch it is on, and the paths it changed.</summary>
internal sealed record GitCommit(string Sha, string Branch, IReadOnlyList<string> Files);
