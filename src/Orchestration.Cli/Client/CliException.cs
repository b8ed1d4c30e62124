namespace Orchestration.Cli.Client;

/// <summary>A failure to report to the user as one line (exit code 1), never as a stack trace.</summary>
internal sealed class CliException(string message) : Exception(message);
