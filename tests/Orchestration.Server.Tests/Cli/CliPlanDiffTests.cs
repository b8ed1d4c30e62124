using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestration.Server.Tests.Infrastructure;
using Orchestration.Server.Tests.Plans;

namespace Orchestration.Server.Tests.Cli;

/// <summary>`orch plan versions` and `orch plan diff` against the real server.</summary>
[Collection(nameof(CliTests))]
public sealed class CliPlanDiffTests(OrchestrationApp app) : IClassFixture<OrchestrationApp>, IDisposable
{
    private readonly string _home = Path.Combine(Path.GetTempPath(), "orch-cli-tests", Guid.NewGuid().ToString("N"));

    private Task<CliResult> RunAsync(params string[] args) => CliRunner.RunAsync(app.BaseAddress, _home, args);

    [Fact]
    public async Task Plan_diff_prints_added_and_changed_tasks_coverage_and_forecast_and_json_on_request()
    {
        var user = await app.CreateUserAsync();
        Environment.SetEnvironmentVariable("ORCH_PASSWORD", user.Password);
        (await RunAsync("login", "--email", user.Email)).Succeeded();
        var project = (await RunAsync("project", "create", "--name", "diff", "--requirements", "Parse a CSV file.\n\nWrite JSON out.", "--rigor", "L1"))
            .Succeeded().Output.Trim();
        (await RunAsync("plan", project)).Succeeded();
        (await RunAsync("plan", project)).Succeeded();

        // Edit version 2 through the API, as the same user would in the web editor.
        var http = user.Client;
        var v2 = await (await http.GetAsync($"/api/projects/{project}/plans/2", TestContext.Current.CancellationToken)).ReadJsonAsync();
        var plan = JsonNode.Parse(v2.GetProperty("plan").GetRawText())!;
        var changed = plan["tasks"]![1]!["title"]!.GetValue<string>();
        plan["tasks"]![1]!["complexity"] = "complex";
        plan["tasks"]!.AsArray().Add(new JsonObject
        {
            ["title"] = "Benchmark", ["description"] = "Time it", ["task_type"] = "analysis", ["complexity"] = "simple", ["depends_on"] = new JsonArray(1),
        });
        await (await http.PatchJsonAsync($"/api/projects/{project}/plans/{v2.GetProperty("id").GetString()}", new { plan })).ReadJsonAsync();

        var versions = (await RunAsync("plan", "versions", project)).Succeeded();
        Assert.Equal(2, versions.Rows.Count);
        Assert.StartsWith("v2", versions.Rows[0], StringComparison.Ordinal);

        var text = (await RunAsync("plan", "diff", project, "1", "v2")).Succeeded().Output;
        Assert.Contains("plan v1 (draft) → v2 (draft)", text, StringComparison.Ordinal);
        Assert.Contains($"+ [{plan["tasks"]!.AsArray().Count - 1}] Benchmark (analysis, simple); needs {changed}", text, StringComparison.Ordinal);
        Assert.Contains($"~ [1] {changed}", text, StringComparison.Ordinal);
        Assert.Contains("    complexity: \"medium\" → \"complex\"", text, StringComparison.Ordinal);
        Assert.Contains("coverage: 2/2 → 2/2 requirements covered", text, StringComparison.Ordinal);
        Assert.Matches(@"forecast: \$[0-9.]+ – \$[0-9.]+ \(expected \$[0-9.]+\) → .*; high \+\$[0-9.]+", text);

        var json = JsonDocument.Parse((await RunAsync("plan", "diff", project, "2", "1", "--json")).Succeeded().Output).RootElement;
        Assert.Equal("Benchmark", json.GetProperty("tasks").GetProperty("removed")[0].GetProperty("title").GetString());

        (await RunAsync("plan", "diff", project, "1", "nine")).Failed("'nine' is not a plan id");
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("ORCH_CONFIG_HOME", null);
        Environment.SetEnvironmentVariable("ORCH_PASSWORD", null);
        if (Directory.Exists(_home))
        {
            Directory.Delete(_home, recursive: true);
        }
    }
}
