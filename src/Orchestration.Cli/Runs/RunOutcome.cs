namespace Orchestration.Cli.Runs;

/// <summary>Where a followed run stopped: its exit code, the project's status, and what a person can do next.</summary>
/// <param name="Answers">For a run that waits for a person: the exact `orch` commands that answer it.</param>
internal sealed record RunOutcome(int ExitCode, string Status, string Summary, IReadOnlyList<string> Answers);
