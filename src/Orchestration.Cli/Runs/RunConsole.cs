using System.CommandLine;
using Orchestration.Cli.Client;
using Spectre.Console;

namespace Orchestration.Cli.Runs;

/// <summary>How `orch run`, `watch` and `do` show a run to a person: the live view or event lines, then its end.</summary>
internal static class RunConsole
{
    private static readonly TimeSpan BoardRefresh = TimeSpan.FromSeconds(5);

    public static readonly Option<bool> Plain = new("--plain") { Description = "Print event lines, not the live view (the default when output is not a terminal)." };

    /// <summary>Follows the run (live view on a terminal, else event lines), then says how it ended; the exit code is the outcome's.</summary>
    public static async Task<int> FollowAsync(OrchClient client, string projectId, ParseResult parse, Terminal terminal, CancellationToken cancellationToken)
    {
        var live = terminal.Live(parse.InvocationConfiguration.Output, parse.GetValue(Plain));
        using var ctrlC = CtrlC.Listen(live is not null, cancellationToken);
        RunOutcome outcome;
        try
        {
            outcome = await FollowQuietlyAsync(client, projectId, parse.InvocationConfiguration.Output, live, ctrlC.Token);
        }
        catch (OperationCanceledException) when (ctrlC.Pressed && !cancellationToken.IsCancellationRequested)
        {
            return await RunInterruption.AskAsync(client, projectId, Console.In, parse.InvocationConfiguration.Error, cancellationToken);
        }
        await WriteOutcomeAsync(parse, outcome);
        return outcome.ExitCode;
    }

    /// <summary>Follows the run on <paramref name="live"/> (the live view) or, without one, as lines on <paramref name="lines"/>
    /// (null: silently); returns how it ended without saying it.</summary>
    public static Task<RunOutcome> FollowQuietlyAsync(OrchClient client, string projectId, TextWriter? lines, IAnsiConsole? live, CancellationToken cancellationToken)
    {
        var follower = new RunFollower(client, projectId);
        return live is not null ? LiveAsync(live, client, projectId, follower, cancellationToken)
            : follower.FollowAsync(async (type, data) =>
            {
                if (lines is not null)
                {
                    await lines.WriteLineAsync(EventLine.Format(type, data));
                }
            }, cancellationToken);
    }

    private static async Task<RunOutcome> LiveAsync(IAnsiConsole console, OrchClient client, string projectId, RunFollower follower, CancellationToken cancellationToken)
    {
        var board = await RunBoard.LoadAsync(client, projectId, cancellationToken);
        RunOutcome? outcome = null;
        var sinceRefresh = System.Diagnostics.Stopwatch.StartNew();
        await console.Live(RunView.Render(board)).StartAsync(async context =>
        {
            outcome = await follower.FollowAsync(async (type, data) =>
            {
                board.AddEvent(EventLine.Format(type, data));
                board.Apply(type, data);
                // Events move tasks on the board; the server's full picture (new tasks of a re-plan, the project's
                // status) is read at most every few seconds, within the per-user request limit.
                if (type.StartsWith("project_", StringComparison.Ordinal) || sinceRefresh.Elapsed > BoardRefresh)
                {
                    await board.RefreshAsync(client, projectId, cancellationToken);
                    sinceRefresh.Restart();
                }
                context.UpdateTarget(RunView.Render(board));
            }, cancellationToken);
            await board.RefreshAsync(client, projectId, cancellationToken);
            context.UpdateTarget(RunView.Render(board));
        });
        return outcome!;
    }

    /// <summary>A run's end: success on standard output, a failure as an error line, a wait with the commands that answer it.</summary>
    public static async Task WriteOutcomeAsync(ParseResult parse, RunOutcome outcome)
    {
        if (outcome.ExitCode == CliApp.Failed)
        {
            await parse.InvocationConfiguration.Error.WriteLineAsync("error: project " + outcome.Summary);
            return;
        }
        var output = parse.InvocationConfiguration.Output;
        await output.WriteLineAsync(outcome.Summary);
        if (outcome.Answers.Count > 0)
        {
            await output.WriteLineAsync("answer with:");
            foreach (var answer in outcome.Answers)
            {
                await output.WriteLineAsync("  " + answer);
            }
        }
    }
}
