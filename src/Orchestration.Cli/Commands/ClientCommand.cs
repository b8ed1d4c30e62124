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
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            try
            {
                using var client = new OrchClient(Credentials.Load(parse.GetValue(Server)));
                await action(client, parse, output, cancellationToken);
                return 0;
            }
            catch (CliException ex)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync("error: " + ex.Message);
                return 1;
            }
        });
}
