using System.CommandLine;
using System.Text.Json;
using Orchestration.Cli.Client;

namespace Orchestration.Cli.Commands;

/// <summary>`orch project update`, `clone`, `export` and `import`: changing a project, and moving it between servers.</summary>
internal static class ProjectTransferCommands
{
    public static Command Update()
    {
        var id = new Argument<string>("project-id");
        var name = new Option<string?>("--name") { Description = "New name." };
        var requirements = new Option<string?>("--requirements") { Description = "New requirements text." };
        var file = new Option<FileInfo?>("--requirements-file") { Description = "Read the new requirements from a file ('-' for standard input)." };
        var rigor = new Option<string?>("--rigor") { Description = "New planning rigor: L1, L2 or L3." };
        var config = new Option<FileInfo?>("--config-file") { Description = "A JSON file with the project's own settings object (replaces it)." };
        var command = new Command("update", "Change a project's name, requirements, planning rigor or settings.") { id, name, requirements, file, rigor, config };
        command.SetClientAction(async (client, parse, output, ct) =>
        {
            var changes = new Dictionary<string, object?>();
            if (parse.GetValue(name) is { } n)
            {
                changes["name"] = n;
            }
            if (await ProjectCommands.RequirementsAsync(parse, requirements, file, ct) is { } text)
            {
                changes["requirements"] = text;
            }
            if (parse.GetValue(rigor) is { } r)
            {
                changes["planning_rigor"] = r;
            }
            if (parse.GetValue(config) is { } c)
            {
                changes["config"] = await ReadJsonAsync(c, ct);
            }
            if (changes.Count == 0)
            {
                throw new CliException("Nothing to change: give --name, --requirements, --requirements-file, --rigor or --config-file.");
            }
            var project = await client.PatchAsync($"/api/projects/{Uri.EscapeDataString(parse.GetValue(id)!)}", changes, ct);
            await output.WriteLineAsync($"{project.Text("id")}  {project.Text("name")}  [{project.Text("status")}, {project.Text("planning_rigor")}]");
        });
        return command;
    }

    public static Command Clone()
    {
        var id = new Argument<string>("project-id");
        var command = new Command("clone", "Copy a project as a new draft: same requirements and settings, its approved plan as draft v1.") { id };
        command.SetClientAction(async (client, parse, output, ct) =>
        {
            var clone = await client.PostAsync($"/api/projects/{Uri.EscapeDataString(parse.GetValue(id)!)}/clone", null, ct);
            await output.WriteLineAsync(clone.Text("id"));
        });
        return command;
    }

    public static Command Export()
    {
        var id = new Argument<string>("project-id");
        var file = new Option<FileInfo?>("--output", "-o") { Description = "Write the export to this file (default: standard output)." };
        var command = new Command("export", "Export a project with its plans, tasks, events, checkpoints, knowledge and usage as one JSON document.") { id, file };
        command.SetClientAction(async (client, parse, output, ct) =>
        {
            var document = await client.GetAsync($"/api/projects/{Uri.EscapeDataString(parse.GetValue(id)!)}/export", ct);
            if (parse.GetValue(file) is not { } f)
            {
                await JsonOutput.WriteAsync(output, document);
                return;
            }
            await using (var stream = File.Create(f.FullName))
            {
                await JsonSerializer.SerializeAsync(stream, document, cancellationToken: ct);
            }
            await output.WriteLineAsync($"exported {document.GetProperty("project").Text("name")} to {f.FullName}");
        });
        return command;
    }

    public static Command Import()
    {
        var file = new Argument<FileInfo>("file") { Description = "A document made by `orch project export` ('-' for standard input)." };
        var command = new Command("import", "Import an exported project as a new project of yours (new ids; its usage stays with the original).") { file };
        command.SetClientAction(async (client, parse, output, ct) =>
        {
            var project = await client.PostAsync("/api/projects/import", await ReadJsonAsync(parse.GetValue(file)!, ct), ct);
            await output.WriteLineAsync(project.Text("id"));
        });
        return command;
    }

    private static async Task<JsonElement> ReadJsonAsync(FileInfo file, CancellationToken ct)
    {
        try
        {
            var text = file.Name == "-" ? await Console.In.ReadToEndAsync(ct) : await File.ReadAllTextAsync(file.FullName, ct);
            return JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new CliException($"{file.FullName} is not JSON: {ex.Message}");
        }
    }
}
