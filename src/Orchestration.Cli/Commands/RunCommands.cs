using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Orchestration.Cli.Client;
using Orchestration.Cli.Runs;
using Orchestration.Core.Lifecycle;

namespace Orchestration.Cli.Commands;

/// <summary>plan → approve → run (with a live event stream), plus status, watch, pause and cancel.</summary>
internal static class RunCommands
{
    public static IEnumerable<Command> Create(Terminal terminal) => [Plan(), Approve(), Run(terminal), Watch(terminal), Status(), Simple("pause", "Pause: running tasks finish, no new ones start."), Simple("cancel", "Cancel: stop all work on the project.")];

    private static Command Plan()
    {
        var id = new Argument<string>("project-id");
        var command = new Command("plan", "Ask the planning model for a plan (a new draft version) and show it with its cost forecast.")
        {
            id, PlanVersionCommands.Versions(), PlanVersionCommands.Diff(), PlanEditCommand.Create(), ReplanCommands.Reject(),
        };
        command.SetClientAction(async (client, parse, output, ct) =>
        {
            var plan = await client.PostAsync($"/api/projects/{parse.GetValue(id)}/plan", null, ct);
            await WritePlanAsync(output, plan, await SimulatedProvider.IsActiveAsync(client, ct));
        });
        return command;
    }

    /// <summary>A plan as `orch plan` and `orch do` show it: version, model, cost, summary, the tasks and the forecast.</summary>
    public static async Task WritePlanAsync(TextWriter output, JsonElement plan, bool simulated)
    {
        var tag = simulated ? SimulatedProvider.Tag : "";
        await output.WriteLineAsync($"plan v{plan.GetProperty("version").GetInt32()} ({plan.GetProperty("plan_id").GetString()}) by {plan.GetProperty("model_used").GetString()}{tag}, cost {Table.Money(plan.GetProperty("cost_usd").GetDouble())}{tag}");
        await output.WriteLineAsync(plan.GetProperty("plan").GetProperty("summary").GetString());
        var tasks = AllTasks(plan.GetProperty("plan")).ToList();
        var forecast = plan.GetProperty("forecast");
        Table.Write(output, ["#", "TITLE", "TYPE", "COMPLEXITY", "DEPENDS ON"], tasks.Select((t, i) => (IReadOnlyList<string>)
        [
            i.ToString(CultureInfo.InvariantCulture), t.GetProperty("title").GetString()!, t.GetProperty("task_type").GetString()!,
            t.GetProperty("complexity").GetString()!, string.Join(",", t.GetProperty("depends_on").EnumerateArray().Select(d => d.GetInt32())),
        ]));
        await output.WriteLineAsync($"forecast: {Table.Money(forecast.GetProperty("total_usd_low").GetDouble())} – {Table.Money(forecast.GetProperty("total_usd_high").GetDouble())}" + tag);
        if (simulated)
        {
            await output.WriteLineAsync(SimulatedProvider.Note);
        }
    }

    private static Command Approve()
    {
        var id = new Argument<string>("project-id");
        var planId = new Option<string?>("--plan") { Description = "Plan id (default: the newest draft)." };
        var force = new Option<bool>("--force") { Description = "Approve even when the plan's high forecast does not fit a budget cap." };
        var command = new Command("approve", "Approve a plan: it becomes the project's task graph.") { id, planId, force };
        command.SetClientAction(async (client, parse, output, ct) =>
        {
            var project = parse.GetValue(id);
            var chosen = parse.GetValue(planId) ?? (await client.GetAsync($"/api/projects/{project}/plans", ct)).EnumerateArray()
                .FirstOrDefault(p => p.GetProperty("status").GetString() == PlanStatusNames.Draft).GetPropertyOrDefault("id")
                ?? throw new CliException("No draft plan to approve; run `orch plan` first.");
            var result = await client.PostAsync($"/api/projects/{project}/plans/{chosen}/approve{(parse.GetValue(force) ? "?force=true" : "")}", null, ct);
            await output.WriteLineAsync($"approved: {result.GetProperty("tasks_created").GetInt32()} tasks in {result.GetProperty("total_waves").GetInt32()} waves, estimated {Table.Money(result.GetProperty("estimated_cost_usd").GetDouble())}"
                + (result.Text("forced") == "true" ? " (forced past a budget cap)" : "")
                + (result.Text("swapped") == "true" ? "; the unfinished part of the run was replaced" : ""));
        });
        return command;
    }

    private static Command Run(Terminal terminal)
    {
        var id = new Argument<string>("project-id");
        var detach = new Option<bool>("--detach") { Description = "Start and return without following the events." };
        var command = new Command("run", "Start (or resume) execution, or attach to the run already going, and follow it until it ends or waits for a person.") { id, detach, RunConsole.Plain };
        command.SetClientAction(async (client, parse, output, ct) =>
        {
            var projectId = parse.GetValue(id)!;
            try
            {
                var project = await client.PostAsync($"/api/projects/{Uri.EscapeDataString(projectId)}/execute", null, ct);
                await output.WriteLineAsync($"status: {project.GetProperty("status").GetString()}");
            }
            catch (CliException ex) when (ex.Status == HttpStatusCode.Conflict)
            {
                // Already running (from another terminal, the web UI or a schedule): follow that run instead of refusing.
                if ((await client.GetAsync($"/api/projects/{Uri.EscapeDataString(projectId)}", ct)).Text("status") != ProjectStatusNames.Executing)
                {
                    throw;
                }
                await output.WriteLineAsync("status: executing (already running; following it)");
            }
            return parse.GetValue(detach) ? CliApp.Success : await RunConsole.FollowAsync(client, projectId, parse, terminal, ct);
        });
        return command;
    }

    private static Command Watch(Terminal terminal)
    {
        var id = new Argument<string>("project-id");
        var command = new Command("watch", "Follow a project's run (replaying it first) until it ends or waits for a person.") { id, RunConsole.Plain };
        command.SetClientAction((client, parse, output, ct) => RunConsole.FollowAsync(client, parse.GetValue(id)!, parse, terminal, ct));
        return command;
    }

    private static Command Status()
    {
        var id = new Argument<string>("project-id");
        var command = new Command("status", "Show the project's tasks with status, tier, model and cost.") { id };
        command.SetClientAction(async (client, parse, output, ct) =>
        {
            var project = await client.GetAsync($"/api/projects/{parse.GetValue(id)}", ct);
            await output.WriteLineAsync($"{project.GetProperty("name").GetString()}: {project.GetProperty("status").GetString()}");
            var tasks = await client.GetAsync($"/api/tasks/project/{parse.GetValue(id)}?exclude_output=true&sort=wave&sort_dir=asc", ct);
            Table.Write(output, ["WAVE", "STATUS", "TIER", "MODEL", "COST", "TITLE"], tasks.EnumerateArray().Select(t => (IReadOnlyList<string>)
            [
                t.GetProperty("wave").GetInt32().ToString(CultureInfo.InvariantCulture), t.GetProperty("status").GetString()!,
                t.GetProperty("model_tier").GetString()!, t.GetPropertyOrDefault("model_used") ?? "-",
                Table.Money(t.GetProperty("cost_usd").GetDouble()), t.GetProperty("title").GetString()!,
            ]));
            if (await SimulatedProvider.IsActiveAsync(client, ct))
            {
                await output.WriteLineAsync(SimulatedProvider.Note);
            }
        });
        return command;
    }

    private static Command Simple(string action, string description)
    {
        var id = new Argument<string>("project-id");
        var command = new Command(action, description) { id };
        command.SetClientAction(async (client, parse, output, ct) =>
        {
            var project = await client.PostAsync($"/api/projects/{parse.GetValue(id)}/{action}", null, ct);
            await output.WriteLineAsync($"status: {project.GetProperty("status").GetString()}");
        });
        return command;
    }

    private static IEnumerable<JsonElement> AllTasks(JsonElement plan) =>
        plan.TryGetProperty("phases", out var phases) && phases.ValueKind == JsonValueKind.Array && phases.GetArrayLength() > 0
            ? phases.EnumerateArray().SelectMany(p => p.GetProperty("tasks").EnumerateArray())
            : plan.GetProperty("tasks").EnumerateArray();
}
