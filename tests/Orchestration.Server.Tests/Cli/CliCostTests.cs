using System.Text.Json;
using Orchestration.Server.Tests.Infrastructure;
using Orchestration.Server.Tests.Notifications;

namespace Orchestration.Server.Tests.Cli;

/// <summary>`orch cost` against the real server, on a run executed on the simulated provider.</summary>
[Collection(nameof(CliTests))]
public sealed class CliCostTests : IAsyncLifetime
{
    private readonly string _home = Path.Combine(Path.GetTempPath(), "orch-cli-tests", Guid.NewGuid().ToString("N"));
    private OrchestrationApp _app = null!;

    public async ValueTask InitializeAsync() => _app = await OrchestrationApp.StartAsync();

    private Task<CliResult> RunAsync(params string[] args) => CliRunner.RunAsync(_app.BaseAddress, _home, args);

    [Fact]
    public async Task Cost_prints_the_run_beside_sonnet_haiku_and_a_routing_file_and_json_on_request()
    {
        var user = await _app.CreateUserAsync();
        Environment.SetEnvironmentVariable("ORCH_PASSWORD", user.Password);
        (await RunAsync("login", "--email", user.Email)).Succeeded();
        var project = await NotificationRuns.RunAsync(_app, user.Client, "project_complete", [], [0]);

        var text = (await RunAsync("cost", project)).Succeeded().Output;
        Assert.Matches(@"run 1: actual \$\d+\.\d{4} over \d+ calls", text);
        Assert.Contains("cache reads: ", text, StringComparison.Ordinal);
        Assert.Matches(@"all_sonnet\s+\$\d+\.\d{4}\s+\$\d+\.\d{4}\s+\d+\.\d%", text);
        Assert.Contains("tasks that drive the difference against all_sonnet:", text, StringComparison.Ordinal);
        Assert.Contains("note: Alternatives price the token counts observed", text, StringComparison.Ordinal);

        var routing = Path.Combine(_home, "config.json");
        await File.WriteAllTextAsync(routing, """{ "routing": { "table": { "code": { "medium": "ollama" } } } }""", TestContext.Current.CancellationToken);
        var json = JsonDocument.Parse((await RunAsync("cost", project, "--run", "1", "--routing", routing, "--json")).Succeeded().Output).RootElement;
        var routed = json.GetProperty("scenarios").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "routing");
        Assert.Equal(json.GetProperty("fixed_usd").GetDouble(), routed.GetProperty("total_usd").GetDouble(), 9);

        (await RunAsync("cost", project, "--run", "2")).Failed("not found");
        await File.WriteAllTextAsync(routing, """{ "table": { "code": { "medium": "gpt" } } }""", TestContext.Current.CancellationToken);
        (await RunAsync("cost", project, "--routing", routing)).Failed("table.code.medium");
    }

    public async ValueTask DisposeAsync()
    {
        Environment.SetEnvironmentVariable("ORCH_CONFIG_HOME", null);
        Environment.SetEnvironmentVariable("ORCH_PASSWORD", null);
        if (Directory.Exists(_home))
        {
            Directory.Delete(_home, recursive: true);
        }
        await _app.DisposeAsync();
    }
}
