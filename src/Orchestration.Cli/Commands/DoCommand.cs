using System.CommandLine;
using System.Text.Json;
using Orchestration.Cli.Client;
using Orchestration.Cli.Runs;

namespace Orchestration.Cli.Commands;

/// <summary>
/// `orch do "text"`: the whole path in one command. Creates the project, plans it, shows the plan and its forecast,
/// asks for approval (or takes --yes), runs it with the live view, and ends with where the outputs are and the spend.
/// </summary>
internal static class DoCommand
{
    public static Command Create(Terminal terminal)
    {
        var text = new Argument<string>("requirements") { Description = "What to build, in plain words (paragraphs separated by blank lines)." };
        var rigor = new Option<string>("--rigor") { Description = "Planning rigor: L1 (quick), L2 or L3 (thorough).", DefaultValueFactory = _ => "L1" };
        rigor.AcceptOnlyFromAmong("L1", "L2", "L3");
        var yes = new Option<bool>("--yes", "-y") { Description = "Approve the plan without asking." };
        var budget = new Option<decimal?>("--budget") { Description = "The project's own spending cap in USD (budget.per_project_limit_usd)." };
        budget.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<decimal?>() is <= 0)
            {
                r.AddError("--budget must be a positive amount of USD, e.g. --budget 2.50.");
            }
        });
        var json = new Option<bool>("--json") { Description = "Print one JSON document at the end (project, plan, status, tasks, spend), nothing else." };
        var command = new Command("do", "Create a project from a sentence, plan it, approve it and run it, in one go.")
        {
            text, rigor, yes, budget, json, RunConsole.Plain,
        };
        command.SetClientAction(async (client, parse, output, ct) =>
        {
            var asJson = parse.GetValue(json);
            // In JSON mode standard output carries only the document; the plan and prompts go nowhere / to the error stream.
            var say = asJson ? TextWriter.Null : output;
            var requirements = parse.GetValue(text)!;
            var config = parse.GetValue(budget) is { } cap ? new { budget = new { per_project_limit_usd = cap } } : null;
            var project = await client.PostAsync("/api/projects",
                new { name = NameOf(requirements), requirements, planning_rigor = parse.GetValue(rigor), config }, ct);
            var projectId = project.Text("id");
            await say.WriteLineAsync($"project {projectId}: planning ({parse.GetValue(rigor)})...");

            JsonElement plan;
            try
            {
                plan = await client.PostAsync($"/api/projects/{projectId}/plan", null, ct);
            }
            catch (CliException ex)
            {
                // Refused (the planning call over a budget cap): the project stays, so say how to go on with it.
                throw new CliException($"{ex.Message} Project {projectId} was created but not planned: `orch plan {projectId}` when the budget allows.", ex.Status);
            }
            var simulated = await SimulatedProvider.IsActiveAsync(client, ct);
            await RunCommands.WritePlanAsync(say, plan, simulated);
            if (!parse.GetValue(yes) && !await ConfirmAsync(parse, ct))
            {
                throw new CliException($"Not approved: the plan stays a draft. Approve and run it later with `orch approve {projectId}` and `orch run {projectId}`.");
            }
            try
            {
                await client.PostAsync($"/api/projects/{projectId}/plans/{plan.Text("plan_id")}/approve", null, ct);
            }
            catch (CliException ex)
            {
                // Refused (a forecast over a budget cap): the project and its plan stay, so say how to go on with them.
                throw new CliException($"{ex.Message} The project keeps its draft plan: `orch approve {projectId} --force`, then `orch run {projectId}`.", ex.Status);
            }
            await client.PostAsync($"/api/projects/{projectId}/execute", null, ct);

            var live = asJson ? null : terminal.Live(output, parse.GetValue(RunConsole.Plain));
            using var ctrlC = CtrlC.Listen(live is not null, ct);
            RunOutcome outcome;
            try
            {
                outcome = await RunConsole.FollowQuietlyAsync(client, projectId, asJson ? null : output, live, ctrlC.Token);
            }
            catch (OperationCanceledException) when (ctrlC.Pressed && !ct.IsCancellationRequested)
            {
                return await RunInterruption.AskAsync(client, projectId, Console.In, parse.InvocationConfiguration.Error, ct);
            }
            if (asJson)
            {
                await WriteJsonAsync(client, output, projectId, plan, outcome, simulated, ct);
                return outcome.ExitCode;
            }
            await RunConsole.WriteOutcomeAsync(parse, outcome);
            await output.WriteLineAsync($"outputs: `orch tasks {projectId}` lists the tasks; `orch task <task-id>` shows one's output and artifacts");
            return outcome.ExitCode;
        });
        return command;
    }

    private static async Task<bool> ConfirmAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        await parse.InvocationConfiguration.Error.WriteAsync("Approve this plan and run it? [y/N] ");
        var answer = (await Console.In.ReadLineAsync(cancellationToken))?.Trim();
        if (answer is null)
        {
            throw new CliException("No answer on standard input: pass --yes to approve without asking.");
        }
        if (Console.IsInputRedirected)
        {
            // A terminal echoes the answer and its line break; a piped answer is shown so the prompt's line ends.
            await parse.InvocationConfiguration.Error.WriteLineAsync(answer);
        }
        return answer.Equals("y", StringComparison.OrdinalIgnoreCase) || answer.Equals("yes", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The project's name: the requirements' first line, cut at a word near 60 characters.</summary>
    private static string NameOf(string requirements)
    {
        var line = requirements.Trim().Split('\n')[0].Trim();
        if (line.Length <= 60)
        {
            return line.Length == 0 ? "orch do" : line;
        }
        var cut = line.LastIndexOf(' ', 59);
        return line[..(cut > 20 ? cut : 59)] + "…";
    }

    private static async Task WriteJsonAsync(
        OrchClient client, TextWriter output, string projectId, JsonElement plan, RunOutcome outcome, bool simulated, CancellationToken cancellationToken)
    {
        var tasks = (await client.GetAsync($"/api/tasks/project/{projectId}?exclude_output=true&sort=wave&sort_dir=asc", cancellationToken)).EnumerateArray().ToList();
        var forecast = plan.GetProperty("forecast");
        var document = new
        {
            project_id = projectId,
            plan_id = plan.Text("plan_id"),
            status = outcome.Status,
            exit_code = outcome.ExitCode,
            summary = outcome.Summary,
            simulated,
            forecast_low_usd = forecast.Number("total_usd_low"),
            forecast_high_usd = forecast.Number("total_usd_high"),
            spent_usd = Math.Round(tasks.Sum(t => t.Number("cost_usd")), 6),
            tasks = tasks.Select(t => new
            {
                id = t.Text("id"), title = t.Text("title"), status = t.Text("status"), wave = (int)t.Number("wave"),
                model_tier = t.Text("model_tier"), cost_usd = t.Number("cost_usd"),
            }),
            outputs = new { tasks = $"/api/tasks/project/{projectId}", export = $"/api/projects/{projectId}/export" },
            answers = outcome.Answers,
        };
        await output.WriteLineAsync(JsonSerializer.Serialize(document, CliJson.Options));
    }
}
