using System.CommandLine;
using System.Net;
using System.Net.Sockets;
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
                if (TakenPort(loaded.Server.Host, loaded.Server.Port) is { } taken)
                {
                    await parse.InvocationConfiguration.Error.WriteLineAsync("error: " + taken);
                    return CliApp.Failed;
                }
                await using var app = await ServerHost.CreateAsync(loaded, cancellationToken: cancellationToken);
                await app.RunAsync();
                return 0;
            }
            catch (ConfigException ex)
            {
                // A configuration that does not validate is a usage error of `orch serve`, like a bad option.
                await parse.InvocationConfiguration.Error.WriteLineAsync("error: " + CliApp.OneLine(ex));
                return CliApp.Usage;
            }
            catch (IOException ex)
            {
                // A taken port ("address already in use") or an unusable data directory: one line, no stack trace.
                await parse.InvocationConfiguration.Error.WriteLineAsync("error: " + CliApp.OneLine(ex));
                return CliApp.Failed;
            }
        });
        return command;
    }

    /// <summary>
    /// Why the port cannot be bound, or null. Checked before the host starts: a bind failure inside the host is also
    /// logged with its stack trace, and a taken port is a one-line error. (Kestrel's own failure is still caught, for
    /// the moment between this check and its bind.)
    /// </summary>
    private static string? TakenPort(string host, int port)
    {
        if (port == 0 || !IPAddress.TryParse(host, out var address))
        {
            return null;
        }
        try
        {
            using var probe = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            probe.Bind(new IPEndPoint(address, port));
            return null;
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
        {
            return $"Cannot listen on {host}:{port}: {ex.Message}. Is another server running? Pick another port with --port.";
        }
    }
}
