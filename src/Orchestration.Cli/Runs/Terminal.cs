using Spectre.Console;

namespace Orchestration.Cli.Runs;

/// <summary>
/// Where the live view draws, if anywhere: the given console (a test's captured terminal), else the process's terminal
/// when standard output is one. Piped or redirected output, or --plain, gets plain lines instead.
/// </summary>
internal sealed class Terminal(IAnsiConsole? console)
{
    public IAnsiConsole? Live(TextWriter output, bool plain)
    {
        if (plain)
        {
            return null;
        }
        if (console is not null)
        {
            return console;
        }
        return Shows(output) && AnsiConsole.Profile.Capabilities.Interactive ? AnsiConsole.Console : null;
    }

    /// <summary>Whether <paramref name="output"/> is the process's own standard output and that is a terminal.</summary>
    public static bool Shows(TextWriter output) => ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
}
