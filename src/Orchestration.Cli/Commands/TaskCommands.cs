using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Orchestration.Cli.Client;
using Orchestration.Core.Lifecycle;

namespace Orchestration.Cli.Commands;

/// <summary>`orch tasks`, `orch task` (show, retry, cancel) and `orch review`: what a person does with single tasks.</summary>
internal static class TaskCommands
{
    public static IEnumerable<Command> Create() => [List(), Task(), Review()];

    private static Command List()
    {
        var id = new Argument<string>("project-id");
        var status = new Option<string?>("--status") { Description = "Only tasks with this status (pending, blocked, queued, running, completed, needs_review, failed, cancelled)." };
        var wave = new Option<int?>("--wave") { Description = "Only tasks of this wave (0 is the first)." };
        var json = JsonOutput.Option();
        var command = new Command("tasks", "List a project's tasks in plan order: index, id, title, status, tier, model, cost and wave.") { id, status, wave, json };
        foreach (var bulk in TaskBulkCommands.Create())
        {
            command.Subcommands.Add(bulk);
        }
        command.SetClientAction(async (client, parse, output, ct) =>
        {
            var query = "exclude_output=true&sort=wave&sort_dir=asc"
                        + (parse.GetValue(status) is { } s ? "&status=" + Uri.EscapeDataString(s) : "")
                        + (parse.GetValue(wave) is { } w ? "&wave=" + w.ToString(CultureInfo.InvariantCulture) : "");
            var tasks = await client.GetAsync($"/api/tasks/project/{Uri.EscapeDataString(parse.GetValue(id)!)}?{query}", ct);
            await parse.WriteAsync(json, output, tasks, () => Table.Write(output, ["#", "ID", "TITLE", "STATUS", "TIER", "MODEL", "COST", "WAVE"],
                tasks.EnumerateArray().Select(t => (IReadOnlyList<string>)
                [
                    t.Text("task_index"), t.Text("id"), t.Text("title"), t.Text("status"), t.Text("model_tier"), t.Text("model_used"),
                    Table.Money(t.Number("cost_usd")), t.Text("wave"),
                ])));
        });
        return command;
    }

    private static Command Task()
    {
        var id = new Argument<string>("task-id");
        var command = new Command("task", "Show a task: its details, verification, error, tools, artifacts and output.") { id };
        command.SetClientAction(async (client, parse, output, ct) =>
            await TaskDetail.WriteAsync(output, await client.GetAsync($"/api/tasks/{Uri.EscapeDataString(parse.GetValue(id)!)}", ct)));
        command.Subcommands.Add(Retry());
        command.Subcommands.Add(Cancel());
        command.Subcommands.Add(Edit());
        foreach (var worker in WorkerCommands.Create())
        {
            command.Subcommands.Add(worker);
        }
        return command;
    }

    private static Command Retry()
    {
        var id = new Argument<string>("task-id");
        var feedback = new Option<string?>("--feedback") { Description = "What the next attempt should do differently." };
        var command = new Command("retry", "Run a failed, cancelled or waiting-for-review task again (its dependants wait for it).") { id, feedback };
        command.SetClientAction(async (client, parse, output, ct) =>
        {
            var taskId = Uri.EscapeDataString(parse.GetValue(id)!);
            var text = parse.GetValue(feedback);
            var current = await client.GetAsync($"/api/tasks/{taskId}", ct);
            // NOTE: POST /retry carries no body; feedback reaches a task only through a review (or its checkpoint's guidance).
            if (current.Text("status") == TaskStatusNames.NeedsReview)
            {
                await WriteStatusAsync(output, await client.PostAsync($"/api/tasks/{taskId}/review", new { action = "retry", feedback = text }, ct));
                return;
            }
            if (text is not null)
            {
                throw new CliException($"The task is {current.Text("status")}: feedback goes only to a task that waits for review. " +
                                       "For a task with an open checkpoint use `orch checkpoint resolve <checkpoint-id> retry --guidance <text>`; otherwise retry without --feedback.");
            }
            await WriteStatusAsync(output, await client.PostAsync($"/api/tasks/{taskId}/retry", null, ct));
        });
        return command;
    }

    private static Command Edit()
    {
        var id = new Argument<string>("task-id");
        var title = new Option<string?>("--title");
        var description = new Option<string?>("--description");
        var tier = new Option<string?>("--tier") { Description = "The model tier: ollama, haiku or sonnet." };
        var priority = new Option<int?>("--priority") { Description = "0 to 1000; higher runs first within a wave." };
        var maxTokens = new Option<int?>("--max-tokens") { Description = "The answer's token cap (1 to 16,384)." };
        var command = new Command("edit", "Change a task that is not running or completed: title, description, tier, priority, token cap.")
        {
            id, title, description, tier, priority, maxTokens,
        };
        command.SetClientAction(async (client, parse, output, ct) =>
        {
            var changes = new Dictionary<string, object?>();
            void Put(string field, object? value)
            {
                if (value is not null)
                {
                    changes[field] = value;
                }
            }
            Put("title", parse.GetValue(title));
            Put("description", parse.GetValue(description));
            Put("model_tier", parse.GetValue(tier));
            Put("priority", parse.GetValue(priority));
            Put("max_tokens", parse.GetValue(maxTokens));
            if (changes.Count == 0)
            {
                throw new CliException("Nothing to change: give at least one of --title, --description, --tier, --priority, --max-tokens.");
            }
            await TaskDetail.WriteAsync(output, await client.PatchAsync($"/api/tasks/{Uri.EscapeDataString(parse.GetValue(id)!)}", changes, ct));
        });
        return command;
    }

    private static Command Cancel()
    {
        var id = new Argument<string>("task-id");
        var command = new Command("cancel", "Cancel a task that has not finished (stopping its model call); its dependants become blocked.") { id };
        command.SetClientAction(async (client, parse, output, ct) =>
            await WriteStatusAsync(output, await client.PostAsync($"/api/tasks/{Uri.EscapeDataString(parse.GetValue(id)!)}/cancel", null, ct)));
        return command;
    }

    private static Command Review()
    {
        var id = new Argument<string>("task-id");
        var action = new Argument<string>("action") { Description = "approve (accept the output as it is) or retry (run it again)." };
        action.AcceptOnlyFromAmong("approve", "retry");
        var feedback = new Option<string?>("--feedback") { Description = "What the next attempt should do differently (with retry)." };
        var command = new Command("review", "Decide on a task that waits for review: approve its output, or retry it with feedback.") { id, action, feedback };
        command.SetClientAction(async (client, parse, output, ct) =>
        {
            var task = await client.PostAsync($"/api/tasks/{Uri.EscapeDataString(parse.GetValue(id)!)}/review",
                new { action = parse.GetValue(action), feedback = parse.GetValue(feedback) }, ct);
            await WriteStatusAsync(output, task);
        });
        return command;
    }

    private static Task WriteStatusAsync(TextWriter output, JsonElement task) =>
        output.WriteLineAsync($"{task.Text("title")}: {task.Text("status")}");
}
