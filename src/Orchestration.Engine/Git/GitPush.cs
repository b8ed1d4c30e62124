namespace Orchestration.Engine.Git;

/// <summary>The outcome of pushing a project's branch: pushed, or why not (<see cref="Problem"/>).</summary>
internal sealed record GitPush(string Branch, string Remote, string? Sha, string? Problem);
