using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestration.Server.Tests.Plans;

namespace Orchestration.Server.Tests.Cli;

/// <summary>`orch plan edit` with an "editor" that writes a prepared plan over the file it is given.</summary>
[Collection(nameof(CliTests))]
public sealed class CliPlanEditTests(CliRunFixture run) : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "orch-cli-tests", "edit-" + Guid.NewGuid().ToString("N"));

    /// <summary>An editor command that replaces the file with <paramref name="plan"/> (or leaves it, when null).</summary>
    private string Editor(string? plan)
    {
        Directory.CreateDirectory(_dir);
        if (plan is null)
        {
            return "true";
        }
        var source = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(source, plan);
        return $"cp '{source}'";
    }

    private async Task<CliResult> EditAsync(string? editor, params string[] args)
    {
        Environment.SetEnvironmentVariable("VISUAL", null);
        Environment.SetEnvironmentVariable("EDITOR", editor);
        try
        {
            return await run.RunAsync(["plan", "edit", .. args]);
        }
        finally
        {
            Environment.SetEnvironmentVariable("EDITOR", null);
        }
    }

    [Fact]
    public async Task An_edited_draft_is_saved_and_a_refused_one_prints_the_validation_errors_with_exit_1()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        var project = await PlanningApp.CreateProjectAsync(run.User.Client, "[R1] Write hello.py that prints a greeting.", "L1");
        var draft = await PlanningApp.PlannedAsync(run.User.Client, project);
        var plan = JsonNode.Parse(draft.GetProperty("plan").GetRawText())!;
        plan["summary"] = "A greeting, edited by hand.";

        var saved = (await EditAsync(Editor(plan.ToJsonString()), project)).Succeeded().Output;
        Assert.Matches(@"^plan v1 \([0-9a-f]{32}\) saved: \d+ tasks, forecast \$\d+\.\d{4} – \$\d+\.\d{4}\n$", saved);
        var stored = await run.GetAsync($"/api/projects/{project}/plans/1");
        Assert.Equal("A greeting, edited by hand.", stored.GetProperty("plan").GetProperty("summary").GetString());

        Assert.Equal("No change: the plan was not sent.\n", (await EditAsync(Editor(null), project, "--plan", "1")).Succeeded().Output);
        plan["tasks"] = new JsonArray();
        var refused = (await EditAsync(Editor(plan.ToJsonString()), project)).Failed("the plan was refused");
        Assert.Contains("\n  ", refused.Error, StringComparison.Ordinal);
        (await EditAsync(Editor("{ not json"), project)).Failed("the plan was refused", "not JSON");
        (await EditAsync(null, project)).Failed("Set $EDITOR");
        (await EditAsync("false", project)).Failed("exited with 1");
        var unplanned = await PlanningApp.CreateProjectAsync(run.User.Client, "[R1] Say hello.", "L1");
        (await EditAsync(Editor(null), unplanned)).Failed("no draft plan");
        Assert.Equal(JsonValueKind.Object, (await run.GetAsync($"/api/projects/{project}/plans/1")).ValueKind);
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}
