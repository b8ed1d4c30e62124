using System.CommandLine;
using System.CommandLine.Invocation;
using Orchestration.Cli.Client;
using Orchestration.Cli.Commands;
using Orchestration.Cli.Runs;
using Spectre.Console;

namespace Orchestration.Cli;

/// <summary>The `orch` command tree, and how one invocation turns into an exit code.</summary>
internal static class CliApp
{
    /// <summary>The exit codes: <c>orch</c> follows the usual CLI conventions (README, CLI section).</summary>
    public const int Success = 0, Failed = 1, Usage = 2, WaitingForPerson = 3, Interrupted = 130;

    /// <param name="console">Where the live run view draws (a test's captured terminal); null: the process's terminal, if any.</param>
    public static RootCommand Build(IAnsiConsole? console = null)
    {
        var terminal = new Terminal(console);
        var root = new RootCommand("Orchestration Engine: plan, approve and run AI task graphs with hard budgets.")
        {
            DoCommand.Create(terminal),
            ServeCommand.Create(),
            InitCommand.Create(),
            AccountCommands.Login(),
            ProjectCommands.Create(),
            ReplanCommands.Replan(),
            AccountCommands.Budget("budget"),
            MeCommand.Create(),
            UsageCommands.Create(),
            ServiceCommands.Create(),
            KeyCommands.Create(),
            AdminCommands.Create(),
            CoverageCommand.Create(),
            RagCommands.Create(terminal),
            KnowledgeCommands.Create(),
            EventCommands.Create(),
            NotificationCommands.Create(),
            CostCommands.Create(),
        };
        foreach (var command in RunCommands.Create(terminal).Concat(TaskCommands.Create()).Concat(CheckpointCommands.Create()).Concat(IdentityCommands.Create()))
        {
            root.Subcommands.Add(command);
        }
        root.Options.Add(ClientCommand.Server);
        HelpExamples.AddTo(root);
        return root;
    }

    /// <summary>
    /// Parses and runs one command line. A usage error is one line (with the likeliest meant word) and exit 2; any
    /// failure the command did not report itself is one line and exit 1; an interrupt is exit 130. Never a stack trace.
    /// </summary>
    public static async Task<int> RunAsync(
        string[] args, InvocationConfiguration configuration, IAnsiConsole? console = null, CancellationToken cancellationToken = default)
    {
        var parse = Build(console).Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            await configuration.Error.WriteLineAsync(UsageError.Describe(parse));
            return Usage;
        }
        configuration.EnableDefaultExceptionHandler = false;
        try
        {
            return await parse.InvokeAsync(configuration, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Interrupted;
        }
        catch (Exception ex)
        {
            await configuration.Error.WriteLineAsync("error: " + OneLine(ex));
            return Failed;
        }
    }

    /// <summary>An exception as the one line a user reads: its message (and, for a wrapped one, the inner message).</summary>
    public static string OneLine(Exception ex) => (ex switch
    {
        CliException => ex.Message,
        HttpRequestException or IOException when ex.InnerException is { } inner => $"{ex.Message} ({inner.Message})",
        _ => ex.Message,
    }).ReplaceLineEndings(" ");
}
