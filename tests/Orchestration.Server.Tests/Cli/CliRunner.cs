using System.CommandLine;
using Orchestration.Cli;

namespace Orchestration.Server.Tests.Cli;

/// <summary>Runs `orch` in process against a server, with its stored login in <c>home</c>; captures both streams.</summary>
internal static class CliRunner
{
    public static Task<CliResult> RunAsync(Uri server, string home, params string[] args) =>
        RunWithoutServerAsync(home, [.. args, "--server", server.ToString()]);

    /// <summary>Runs the command line exactly as given (no --server added), through the same entry point as the binary.</summary>
    public static async Task<CliResult> RunWithoutServerAsync(string home, params string[] args)
    {
        // NOTE: process-wide; every class that runs the CLI is in the CliTests collection, so none runs in parallel.
        Environment.SetEnvironmentVariable("ORCH_CONFIG_HOME", home);
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CliApp.RunAsync(args, new InvocationConfiguration { Output = output, Error = error }, TestContext.Current.CancellationToken);
        return new CliResult(exit, output.ToString(), error.ToString());
    }
}
