namespace Orchestration.Engine.Git;

/// <summary>What a finished git command printed, and how it ended.</summary>
internal sealed record GitResult(int ExitCode, string Output, string Error)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>The paths of a <c>-z</c> listing.</summary>
    public IReadOnlyList<string> NulSeparated() => Output.Split('\0', StringSplitOptions.RemoveEmptyEntries);
}
