using System.Net;

namespace Orchestration.Cli.Client;

/// <summary>A failure to report to the user as one line (exit code 1), never as a stack trace.</summary>
/// <param name="Status">The HTTP status when the server refused the request; null for failures on this side.</param>
/// <param name="Errors">A validation problem's field errors ("field: message"); empty otherwise.</param>
internal sealed class CliException(string message, HttpStatusCode? status = null, IReadOnlyList<string>? errors = null)
    : Exception(message.ReplaceLineEndings(" "))
{
    public HttpStatusCode? Status { get; } = status;

    public IReadOnlyList<string> Errors { get; } = errors ?? [];
}
