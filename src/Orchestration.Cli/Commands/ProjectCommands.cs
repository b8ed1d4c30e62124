using System.CommandLine;
using System.Text.Json;
using Orchestration.Cli.Client;

namespace Orchestration.Cli.Commands;

/// <summary>`orch project`: create, list, show, update, clone, export, import and delete projects.</summary>
internal static class ProjectCommands
{
    public static Command Create()
    {
        var project = new Command("project", "Create, list, show, update, clone, export, import and delete projects.");
        project.Subcommands.Add(List());
        project.Subcommands.Add(New());
        project.Subcommands.Add(Show());
        project.Subcommands.Add(ProjectTransferCommands.Update());
        project.Subcommands.Add(ProjectTransferCommands.Clone());
        project.Subcommands.Add(ProjectTransferCommands.Export());
        project.Subcommands.Add(ProjectTransferCommands.Import());
        project.Subcommands.Add(Delete());
        return project;
    }

    private static Command List()
    {
        var json = JsonOutput.Option();
        var command = new Command("list", "List your projects, newest first.") { json };
        command.SetClientAction(async (client, parse, output, ct) =>
        {
            var projects = await client.GetAsync("/api/projects", ct);
            await parse.WriteAsync(json, output, projects, () => Table.Write(output, ["ID", "NAME", "STATUS", "RIGOR", "TASKS"], projects.EnumerateArray().Select(p => (IReadOnlyList<string>)
            [
                p.GetProperty("id").GetString()!, p.GetProperty("name").GetString()!, p.GetProperty("status").GetString()!,
                p.GetProperty("planning_rigor").GetString()!,
                p.GetProperty("task_summary") is { ValueKind: JsonValueKind.Object } s
                    ? $"{s.GetProperty("completed").GetInt64()}/{s.GetProperty("total").GetInt64()} done" : "-",
            ])));
        });
        return command;
    }

    private static Command New()
    {
        var name = new Option<string>("--name") { Description = "Project name.", Required = true };
        var requirements = new Option<string?>("--requirements") { Description = "Requirements text (paragraphs separated by blank lines)." };
        var file = new Option<FileInfo?>("--requirements-file") { Description = "Read the requirements from a file ('-' for standard input)." };
        var rigor = new Option<string>("--rigor") { Description = "Planning rigor: L1, L2 or L3.", DefaultValueFactory = _ => "L2" };
        var command = new Command("create", "Create a project.") { name, requirements, file, rigor };
        command.SetClientAction(async (client, parse, output, ct) =>
        {
            var text = await RequirementsAsync(parse, requirements, file, ct);
            if (string.IsNullOrWhiteSpace(text))
            {
                throw new CliException("Give the requirements with --requirements or --requirements-file.");
            }
            var created = await client.PostAsync("/api/projects", new { name = parse.GetValue(name), requirements = text, planning_rigor = parse.GetValue(rigor) }, ct);
            await output.WriteLineAsync(created.GetProperty("id").GetString());
        });
        return command;
    }

    private static Command Show()
    {
        var id = new Argument<string>("project-id");
        var json = JsonOutput.Option();
        var command = new Command("show", "Show a project.") { id, json };
        command.SetClientAction(async (client, parse, output, ct) =>
        {
            var p = await client.GetAsync($"/api/projects/{parse.GetValue(id)}", ct);
            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(output, p);
                return;
            }
            await output.WriteLineAsync($"{p.GetProperty("name").GetString()}  [{p.GetProperty("status").GetString()}, {p.GetProperty("planning_rigor").GetString()}]");
            await output.WriteLineAsync();
            await output.WriteLineAsync(p.GetProperty("requirements").GetString());
        });
        return command;
    }

    private static Command Delete()
    {
        var id = new Argument<string>("project-id");
        var command = new Command("delete", "Delete a project with its plans, tasks and events (its usage history stays).") { id };
        command.SetClientAction(async (client, parse, output, ct) =>
        {
            await client.DeleteAsync($"/api/projects/{parse.GetValue(id)}", ct);
            await output.WriteLineAsync("deleted");
        });
        return command;
    }

    /// <summary>The requirements given inline, or read from a file ('-' for standard input); null when neither.</summary>
    public static async Task<string?> RequirementsAsync(ParseResult parse, Option<string?> requirements, Option<FileInfo?> file, CancellationToken ct) =>
        parse.GetValue(file) is { } f
            ? f.Name == "-" ? await Console.In.ReadToEndAsync(ct) : await File.ReadAllTextAsync(f.FullName, ct)
            : parse.GetValue(requirements);
}
