using System.CommandLine;
using Orchestration.Cli;

namespace Orchestration.Server.Tests.Cli;

/// <summary>Runs `orch` in process against a server, with its stored login in <c>home</c>; captures both streams.</summary>
internal static class CliRunner
{
    public static Task<CliResult> RunAsync(Uri server, string home, params string[] args) =>
        RunWithoutServerAsync(home, [.. args, "--server", server.ToString()]);

    /// <summary>Runs `orch` with <paramref name="terminal"/> as its terminal: where the live view draws.</summary>
    public static Task<CliResult> RunInTerminalAsync(Spectre.Console.IAnsiConsole terminal, Uri server, string home, params string[] args) =>
        RunWithoutServerAsync(home, [.. args, "--server", server.ToString()], terminal, TestContext.Current.CancellationToken);

    /// <summary>Runs `orch` until it ends or <paramref name="cancellationToken"/> interrupts it (as Ctrl-C does).</summary>
    public static Task<CliResult> RunInterruptibleAsync(Uri server, string home, CancellationToken cancellationToken, params string[] args) =>
        RunWithoutServerAsync(home, [.. args, "--server", server.ToString()], null, cancellationToken);

    /// <summary>Runs the command line exactly as given (no --server added), through the same entry point as the binary.</summary>
    public static Task<CliResult> RunWithoutServerAsync(string home, params string[] args) =>
        RunWithoutServerAsync(home, args, null, TestContext.Current.CancellationToken);

    /// <summary>Runs `orch` printing into <paramref name="output"/> as it goes, so that a test can read what it printed
    /// (a link to open, say) while it still runs.</summary>
    public static Task<CliResult> RunStreamingAsync(Uri server, string home, TextWriter output, params string[] args) =>
        RunWithoutServerAsync(home, [.. args, "--server", server.ToString()], null, TestContext.Current.CancellationToken, output);

    private static async Task<CliResult> RunWithoutServerAsync(
        string home, string[] args, Spectre.Console.IAnsiConsole? terminal, CancellationToken cancellationToken, TextWriter? streamed = null)
    {
        // NOTE: process-wide; every class that runs the CLI is in the CliTests collection, so none runs in parallel.
        Environment.SetEnvironmentVariable("ORCH_CONFIG_HOME", home);
        var output = streamed ?? new StringWriter();
        var error = new StringWriter();
        var exit = await CliApp.RunAsync(args, new InvocationConfiguration { Output = output, Error = error }, terminal, cancellationToken);
        return new CliResult(exit, output.ToString() ?? "", error.ToString());
    }
}
