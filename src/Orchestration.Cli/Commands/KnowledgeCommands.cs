using System.CommandLine;

namespace Orchestration.Cli.Commands;

/// <summary>`orch knowledge`: the findings a project has learned (injected into later tasks' prompts), and deleting a wrong one.</summary>
internal static class KnowledgeCommands
{
    public static Command Create()
    {
        var id = new Argument<string>("project-id");
        var category = new Option<string?>("--category") { Description = "Only this category (constraint, decision, discovery, reference, gotcha, architecture)." };
        var command = new Command("knowledge", "List a project's knowledge findings, newest first: category, content and the task they came from.") { id, category };
        command.SetClientAction(async (client, parse, output, ct) =>
        {
            var filter = parse.GetValue(category) is { } c ? "?category=" + Uri.EscapeDataString(c) : "";
            var findings = await client.GetAsync($"/api/projects/{Uri.EscapeDataString(parse.GetValue(id)!)}/knowledge{filter}", ct);
            Table.Write(output, ["ID", "CATEGORY", "SOURCE TASK", "CONTENT"], findings.EnumerateArray().Select(k => (IReadOnlyList<string>)
            [
                k.Text("id"), k.Text("category"), k.Text("source_task_title"), k.Text("content"),
            ]), fullLastColumn: true);
        });
        command.Subcommands.Add(Delete());
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
}
