using System.CommandLine;
using Orchestration.Core.Configuration;
using Orchestration.Server.Hosting;

namespace Orchestration.Cli;

/// <summary>`orch serve`: runs the server until Ctrl-C or SIGTERM, then shuts down gracefully.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var host = new Option<string?>("--host") { Description = "Address to bind (default from config: 127.0.0.1)." };
        var port = new Option<int?>("--port") { Description = "Port to listen on (default from config: 5200; 0 picks a free port)." };
        var config = new Option<string?>("--config") { Description = "Path to config.json (default: $ORCH_CONFIG, else ./config.json if present)." };
        var dataDir = new Option<string?>("--data-dir") { Description = "Directory for the database and keys (default: ./data)." };
        var command = new Command("serve", "Run the Orchestration Engine server.") { host, port, config, dataDir };
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                var loaded = ConfigLoader.Load(new ServeOverrides(
                    parse.GetValue(host), parse.GetValue(port), parse.GetValue(config), parse.GetValue(dataDir)));
                await using var app = await ServerHost.CreateAsync(loaded, cancellationToken: cancellationToken);
                await app.RunAsync();
                return 0;
            }
            catch (ConfigException ex)
            {
                await Console.Error.WriteLineAsync(ex.Message);
                return 2;
            }
        });
        return command;
    }
}
