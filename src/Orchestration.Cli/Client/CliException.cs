using System.Net;

namespace Orchestration.Cli.Client;

/// <summary>A failure to report to the user as one line (exit code 1), never as a stack trace.</summary>
/// <param name="Status">The HTTP status when the server refused the request; null for failures on this side.</param>
internal sealed class CliException(string message, HttpStatusCode? status = null) : Exception(message.ReplaceLineEndings(" "))
{
    public HttpStatusCode? Status { get; } = status;
}
