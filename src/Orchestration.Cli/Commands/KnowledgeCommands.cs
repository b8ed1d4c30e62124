using System.CommandLine;
using System.Text.Json;
using Orchestration.Cli.Client;

namespace Orchestration.Cli.Commands;

/// <summary>
/// `orch knowledge`: the findings a project has learned (only accepted ones are injected into later tasks' prompts), a
/// person's review of those that wait (accept, reject, edit), adding one's own, and deleting a wrong one.
/// `orch knowledge PROJECT` is kept as a short form of `orch knowledge list PROJECT`.
/// </summary>
internal static class KnowledgeCommands
{
    private const string Categories = "constraint, decision, discovery, reference, gotcha, architecture";

    public static Command Create()
    {
        var (id, category, status, source, json) = ListArguments();
        var command = new Command("knowledge", "List a project's knowledge findings, newest first: status, category, where each came from, and content.")
        {
            id, category, status, source, json,
        };
        command.SetClientAction((client, parse, output, ct) => ListAsync(client, parse, output, id, category, status, source, json, ct));
        command.Subcommands.Add(List());
        command.Subcommands.Add(Review("accept", "Accept a finding: later tasks are told it."));
        command.Subcommands.Add(Review("reject", "Reject a finding: no task is ever told it."));
        command.Subcommands.Add(Edit());
        command.Subcommands.Add(Add());
        command.Subcommands.Add(Delete());
        return command;
    }

    private static (Argument<string> Id, Option<string?> Category, Option<string?> Status, Option<string?> Source, Option<bool> Json) ListArguments() =>
    (
        new Argument<string>("project-id"),
        new Option<string?>("--category") { Description = $"Only this category ({Categories})." },
        new Option<string?>("--status") { Description = "Only this status: proposed (waits for you), accepted (injected) or rejected." },
        new Option<string?>("--source") { Description = "Only this source: task, checkpoint or person." },
        JsonOutput.Option()
    );

    private static Command List()
    {
        var (id, category, status, source, json) = ListArguments();
        var command = new Command("list", "List a project's findings (e.g. --status proposed for those waiting for review).") { id, category, status, source, json };
        command.SetClientAction((client, parse, output, ct) => ListAsync(client, parse, output, id, category, status, source, json, ct));
        return command;
    }

    private static async Task ListAsync(OrchClient client, ParseResult parse, TextWriter output, Argument<string> id,
        Option<string?> category, Option<string?> status, Option<string?> source, Option<bool> json, CancellationToken ct)
    {
        var query = string.Join("&", new[] { ("category", parse.GetValue(category)), ("status", parse.GetValue(status)), ("source", parse.GetValue(source)) }
            .Where(q => q.Item2 is not null).Select(q => $"{q.Item1}={Uri.EscapeDataString(q.Item2!)}"));
        var findings = await client.GetAsync($"/api/projects/{Uri.EscapeDataString(parse.GetValue(id)!)}/knowledge{(query.Length > 0 ? "?" + query : "")}", ct);
        if (parse.GetValue(json))
        {
            await JsonOutput.WriteAsync(output, findings);
            return;
        }
        Table.Write(output, ["ID", "STATUS", "CATEGORY", "SOURCE", "CONTENT"], findings.EnumerateArray().Select(k => (IReadOnlyList<string>)
        [
            k.Text("id"), k.Text("status"), k.Text("category"), Source(k),
            k.Text("content") + (k.GetPropertyOrDefault("screen_reason") is { } reason ? $"  [held: {reason}]" : ""),
        ]), fullLastColumn: true);
    }

    private static string Source(JsonElement k) => k.Text("source") switch
    {
        "person" => "person",
        "checkpoint" => $"checkpoint on '{k.Text("source_task_title")}'",
        _ => $"task '{k.Text("source_task_title")}'",
    };

    private static Command Review(string action, string description)
    {
        var id = new Argument<string>("finding-id");
        var command = new Command(action, description) { id };
        command.SetClientAction(async (client, parse, output, ct) =>
            await WriteAsync(output, await client.PostAsync($"/api/knowledge/{Uri.EscapeDataString(parse.GetValue(id)!)}/{action}", null, ct)));
        return command;
    }

    private static Command Edit()
    {
        var id = new Argument<string>("finding-id");
        var text = new Option<string?>("--text") { Description = "The new text of the finding." };
        var category = new Option<string?>("--category") { Description = $"The new category ({Categories})." };
        var command = new Command("edit", "Change a finding's text or category. Your words count as reviewed: the finding becomes accepted.")
        {
            id, text, category,
        };
        command.SetClientAction(async (client, parse, output, ct) =>
            await WriteAsync(output, await client.PatchAsync($"/api/knowledge/{Uri.EscapeDataString(parse.GetValue(id)!)}",
                new { content = parse.GetValue(text), category = parse.GetValue(category) }, ct)));
        return command;
    }

    private static Command Add()
    {
        var project = new Argument<string>("project-id");
        var text = new Option<string>("--text") { Description = "The finding, one self-contained sentence.", Required = true };
        var category = new Option<string?>("--category") { Description = $"Its category ({Categories}; default discovery)." };
        var command = new Command("add", "Add your own finding to a project; later tasks are told it at once.") { project, text, category };
        command.SetClientAction(async (client, parse, output, ct) =>
            await WriteAsync(output, await client.PostAsync($"/api/projects/{Uri.EscapeDataString(parse.GetValue(project)!)}/knowledge",
                new { content = parse.GetValue(text), category = parse.GetValue(category) }, ct)));
        return command;
    }

    private static Command Delete()
    {
        var project = new Argument<string>("project-id");
        var id = new Argument<string>("finding-id");
        var command = new Command("delete", "Delete a finding so later tasks no longer see it.") { project, id };
        command.SetClientAction(async (client, parse, output, ct) =>
        {
            await client.DeleteAsync($"/api/projects/{Uri.EscapeDataString(parse.GetValue(project)!)}/knowledge/{Uri.EscapeDataString(parse.GetValue(id)!)}", ct);
            await output.WriteLineAsync("deleted");
        });
        return command;
    }

    private static Task WriteAsync(TextWriter output, JsonElement k) =>
        output.WriteLineAsync($"{k.Text("id")}  {k.Text("status")}  [{k.Text("category")}] {k.Text("content")}  ({Source(k)})");
}
