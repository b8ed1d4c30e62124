using System.Text.Json;

namespace Orchestration.Server.Tests.Cli;

/// <summary>`orch project` list/show --json, update, clone, export and import, `orch coverage`, `orch tasks --json` and
/// the bulk task actions, on the shared waiting run (whose project is only read, cloned and exported here).</summary>
[Collection(nameof(CliTests))]
public sealed class CliProjectCommandTests(CliRunFixture run) : IDisposable
{
    private const string UnknownId = "0123456789abcdef0123456789abcdef";

    private readonly string _export = Path.Combine(Path.GetTempPath(), $"orch-export-{Guid.NewGuid():N}.json");

    [Fact]
    public async Task Projects_list_and_show_as_the_apis_json()
    {
        var list = JsonDocument.Parse((await run.RunAsync("project", "list", "--json")).Succeeded().Output).RootElement;
        var show = JsonDocument.Parse((await run.RunAsync("project", "show", run.ProjectId, "--json")).Succeeded().Output).RootElement;

        var mine = list.EnumerateArray().Single(p => p.GetProperty("id").GetString() == run.ProjectId);
        Assert.Equal("executing", mine.GetProperty("status").GetString());
        Assert.Equal(run.Tasks.Count, mine.GetProperty("task_summary").GetProperty("total").GetInt32());
        Assert.Equal((run.ProjectId, "L1"), (show.GetProperty("project_id").GetString(), show.GetProperty("planning_rigor").GetString()));
        Assert.Contains("[R3] Deploy it", show.GetProperty("requirements").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_project_is_cloned_updated_exported_and_imported_and_a_stranger_gets_404()
    {
        var clone = (await run.RunAsync("project", "clone", run.ProjectId)).Succeeded().Output.Trim();
        Assert.Matches("^[0-9a-f]{32}$", clone);
        var updated = (await run.RunAsync("project", "update", clone, "--name", "greeting v2", "--rigor", "L2")).Succeeded().Output;
        Assert.Equal($"{clone}  greeting v2  [draft, L2]\n", updated);
        (await run.RunAsync("project", "update", clone)).Failed("Nothing to change");
        (await run.RunAsync("project", "update", clone, "--rigor", "L9")).Failed("422");

        Assert.Equal($"exported greeting v2 to {_export}\n", (await run.RunAsync("project", "export", clone, "-o", _export)).Succeeded().Output);
        var document = JsonDocument.Parse(await File.ReadAllTextAsync(_export, TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal("greeting v2", document.GetProperty("project").GetProperty("name").GetString());
        var imported = (await run.RunAsync("project", "import", _export)).Succeeded().Output.Trim();
        Assert.NotEqual(clone, imported);
        Assert.StartsWith("greeting v2  [draft, L2]", (await run.RunAsync("project", "show", imported)).Succeeded().Output, StringComparison.Ordinal);
        var whole = JsonDocument.Parse((await run.RunAsync("project", "export", run.ProjectId)).Succeeded().Output).RootElement;
        Assert.Equal(run.Tasks.Count, whole.GetProperty("tasks").GetArrayLength());

        await File.WriteAllTextAsync(_export, "{ not json", TestContext.Current.CancellationToken);
        (await run.RunAsync("project", "import", _export)).Failed("is not JSON");
        await File.WriteAllTextAsync(_export, "{}", TestContext.Current.CancellationToken);
        (await run.RunAsync("project", "import", _export)).Failed("422");
        using var stranger = CliHome.For(run.App, await run.App.CreateUserAsync());
        (await stranger.RunAsync("project", "clone", run.ProjectId)).Failed("404");
        (await stranger.RunAsync("project", "export", run.ProjectId)).Failed("404");
        (await stranger.RunAsync("coverage", run.ProjectId)).Failed("404");
    }

    [Fact]
    public async Task Coverage_names_each_requirement_with_its_tasks()
    {
        var table = (await run.RunAsync("coverage", run.ProjectId)).Succeeded();
        var json = JsonDocument.Parse((await run.RunAsync("coverage", run.ProjectId, "--json")).Succeeded().Output).RootElement;

        Assert.Matches(@"^plan [0-9a-f]{32} \(approved\): 5 of 5 requirements covered; uncovered: -\n", table.Output);
        Assert.Contains(table.Output.Split('\n'), l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^REQ\s+COVERED\s+DONE\s+TASKS\s+TEXT$"));
        Assert.Contains(table.Output.Split('\n'), l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^R1\s+true\s+false\s+0,\d,\d\s+Write hello_world\.py"));
        Assert.Equal((5, 0), (json.GetProperty("covered_count").GetInt32(), json.GetProperty("uncovered_count").GetInt32()));
        Assert.Equal(["R1", "R2", "R3", "R4", "R5"], json.GetProperty("requirements").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        (await run.RunAsync("coverage", UnknownId)).Failed("404");
    }

    [Fact]
    public async Task Tasks_list_as_json_and_bulk_actions_report_each_refusal_with_exit_1()
    {
        var tasks = JsonDocument.Parse((await run.RunAsync("tasks", run.ProjectId, "--json")).Succeeded().Output).RootElement;
        Assert.Equal(run.Tasks.Select(t => t.GetProperty("id").GetString()).Order(), tasks.EnumerateArray().Select(t => t.GetProperty("id").GetString()).Order());
        Assert.True(tasks[0].TryGetProperty("task_index", out _));

        var completed = run.TaskFor("R1");
        var refused = await run.RunAsync("tasks", "retry", completed, UnknownId);
        Assert.Equal(1, refused.Exit);
        Assert.Matches(@"^ID\s+RESULT\n", refused.Output);
        Assert.Equal(2, refused.Rows.Count);
        Assert.Matches($@"^{completed}\s+\S", refused.Rows.Single(r => r.StartsWith(completed, StringComparison.Ordinal)));
        var json = JsonDocument.Parse((await run.RunAsync("tasks", "cancel", UnknownId, "--json")).Output).RootElement;
        Assert.Empty(json.GetProperty("succeeded").EnumerateArray());
        Assert.Equal(UnknownId, json.GetProperty("failed")[0].GetProperty("id").GetString());
        Assert.Equal(2, (await run.RunAsync("tasks", "cancel")).Exit);
    }

    [Fact]
    public async Task The_runs_lists_print_the_apis_json()
    {
        async Task<JsonElement> JsonOf(params string[] args) => JsonDocument.Parse((await run.RunAsync(args)).Succeeded().Output).RootElement;

        var checkpoints = await JsonOf("checkpoints", run.ProjectId, "--all", "--json");
        var events = await JsonOf("events", run.ProjectId, "--limit", "3", "--json");
        var versions = await JsonOf("plan", "versions", run.ProjectId, "--json");
        var knowledge = await JsonOf("knowledge", "list", run.ProjectId, "--json");
        var deliveries = await JsonOf("notifications", "deliveries", "--json");

        Assert.Contains(checkpoints.EnumerateArray(), c => c.GetProperty("id").GetString() == run.CheckpointId);
        Assert.Equal(3, events.GetArrayLength());
        Assert.True(events[0].TryGetProperty("seq", out _));
        Assert.Contains(versions.EnumerateArray(), p => p.GetProperty("status").GetString() == "approved");
        Assert.Equal(JsonValueKind.Array, knowledge.ValueKind);
        Assert.Equal(JsonValueKind.Array, deliveries.ValueKind);
    }

    public void Dispose() => File.Delete(_export);
}
