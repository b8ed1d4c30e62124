namespace Orchestration.Engine.Git;

/// <summary>A git command that could not start, ended with an error, or ran past git.command_timeout. The message is
/// safe to show (credentials in URLs are masked) and names the command.</summary>
internal sealed class GitCommandException(string message) : Exception(message);
