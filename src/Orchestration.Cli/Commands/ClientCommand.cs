using System.CommandLine;
using Orchestration.Cli.Client;

namespace Orchestration.Cli.Commands;

/// <summary>Shared plumbing of the commands that talk to a server: the --server option and one-line errors.</summary>
internal static class ClientCommand
{
    public static readonly Option<string?> Server = new("--server")
    {
        Description = "Server URL (default: $ORCH_SERVER, else the one you logged in to, else http://127.0.0.1:5200).",
        Recursive = true,
    };

    public static void SetClientAction(this Command command, Func<OrchClient, ParseResult, TextWriter, CancellationToken, Task> action) =>
        command.SetClientAction(async (client, parse, output, ct) =>
        {
            await action(client, parse, output, ct);
            return CliApp.Success;
        });

    /// <summary>An action that decides its exit code (a run that failed is 1, one that waits for a person is 3).</summary>
    public static void SetClientAction(this Command command, Func<OrchClient, ParseResult, TextWriter, CancellationToken, Task<int>> action) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            try
            {
                using var client = new OrchClient(Credentials.Load(parse.GetValue(Server)));
                return await action(client, parse, output, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return CliApp.Interrupted;
            }
            catch (Exception ex) when (ex is CliException or IOException or UnauthorizedAccessException or HttpRequestException)
            {
                // A refused request, a file that cannot be read, a connection lost mid-stream: one line.
                await parse.InvocationConfiguration.Error.WriteLineAsync("error: " + CliApp.OneLine(ex));
                return CliApp.Failed;
            }
        });
}
