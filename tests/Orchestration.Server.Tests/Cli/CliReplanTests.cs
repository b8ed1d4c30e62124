using System.Text.Json;
using System.Text.RegularExpressions;
using Orchestration.Server.Tests.Infrastructure;

namespace Orchestration.Server.Tests.Cli;

/// <summary>`orch replan`, `orch plan reject` and `orch approve` of a re-plan, against the real server, on a project
/// paused by a wave checkpoint after its first task.</summary>
[Collection(nameof(CliTests))]
public sealed partial class CliReplanTests : IAsyncLifetime
{
    private readonly string _home = Path.Combine(Path.GetTempPath(), "orch-cli-tests", Guid.NewGuid().ToString("N"));
    private OrchestrationApp _app = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _app = await OrchestrationApp.StartAsync("""{ "execution": { "wave_checkpoints": true } }""");

    private Task<CliResult> RunAsync(params string[] args) => CliRunner.RunAsync(_app.BaseAddress, _home, args);

    [Fact]
    public async Task Replan_prints_the_draft_with_its_diff_reject_lets_it_go_and_approve_swaps_the_unfinished_work()
    {
        var user = await _app.CreateUserAsync();
        Environment.SetEnvironmentVariable("ORCH_PASSWORD", user.Password);
        (await RunAsync("login", "--email", user.Email)).Succeeded();
        var project = (await RunAsync("project", "create", "--name", "replan", "--requirements", "Parse a CSV file.\n\nWrite JSON out.", "--rigor", "L1"))
            .Succeeded().Output.Trim();
        (await RunAsync("plan", project)).Succeeded();
        (await RunAsync("approve", project)).Succeeded();
        await (await user.Client.PostAsync($"/api/projects/{project}/execute", null, Ct)).ReadJsonAsync();
        await WaitForStatusAsync(user.Client, project, "paused");
        var review = (await (await user.Client.GetAsync($"/api/tasks/project/{project}?status=completed", Ct)).ReadJsonAsync()).EnumerateArray().Single();

        var text = (await RunAsync("replan", project, "--changes", "Write README.md with usage.", "--instructions", "Keep it short.")).Succeeded().Output;
        Assert.Matches(@"re-plan draft v2 \([0-9a-f]{32}\) of running plan [0-9a-f]{32}", text);
        Assert.Contains("kept as they are: 1 task (completed, running or waiting for review)", text, StringComparison.Ordinal);
        Assert.Contains("+ [", text, StringComparison.Ordinal);
        Assert.Contains("README", text, StringComparison.Ordinal);
        Assert.Contains("remaining work forecast: $", text, StringComparison.Ordinal);
        var draft = DraftId().Match(text).Groups[1].Value;
        Assert.Contains($"orch plan reject {project} {draft}", text, StringComparison.Ordinal);
        (await RunAsync("replan", project, "--changes", "More.")).Failed("already pending");

        Assert.Contains("rejected plan v2", (await RunAsync("plan", "reject", project, draft)).Succeeded().Output, StringComparison.Ordinal);
        (await RunAsync("plan", "reject", project, draft)).Failed("rejected");

        var json = JsonDocument.Parse((await RunAsync("replan", project, "--changes", "Write README.md with usage.", "--json")).Succeeded().Output).RootElement;
        Assert.Equal([review.GetProperty("id").GetString()], json.GetProperty("kept_task_ids").EnumerateArray().Select(k => k.GetString()));
        var second = json.GetProperty("id").GetString()!;
        var approved = (await RunAsync("approve", project, "--plan", second)).Succeeded().Output;
        Assert.Contains("the unfinished part of the run was replaced", approved, StringComparison.Ordinal);

        var tasks = (await (await user.Client.GetAsync($"/api/tasks/project/{project}?plan_id={second}", Ct)).ReadJsonAsync()).EnumerateArray().ToList();
        Assert.Equal(json.GetProperty("plan").GetProperty("tasks").GetArrayLength(), tasks.Count);
        var kept = tasks.Single(t => t.GetProperty("id").GetString() == review.GetProperty("id").GetString());
        Assert.Equal("completed", kept.GetProperty("status").GetString());
        Assert.Contains(tasks, t => t.GetProperty("title").GetString()!.Contains("README", StringComparison.Ordinal));
        var versions = (await RunAsync("plan", "versions", project)).Succeeded().Rows;
        Assert.Equal(3, versions.Count);
    }

    private static async Task WaitForStatusAsync(HttpClient client, string project, string status)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while ((await (await client.GetAsync($"/api/projects/{project}", timeout.Token)).ReadJsonAsync()).GetProperty("status").GetString() != status)
        {
            await Task.Delay(50, timeout.Token);
        }
    }

    [GeneratedRegex(@"re-plan draft v\d+ \(([0-9a-f]{32})\)")]
    private static partial Regex DraftId();

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
