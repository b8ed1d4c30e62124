using Orchestration.Server.Tests.Events;
using Orchestration.Server.Tests.Execution;
using Orchestration.Server.Tests.Infrastructure;

namespace Orchestration.Server.Tests.Cli;

/// <summary>`orch task claim|submit|release`: a person works on the tasks of an external project from the terminal.</summary>
[Collection(nameof(CliTests))]
public sealed class CliWorkerTests(OrchestrationApp app) : IClassFixture<OrchestrationApp>
{
    private readonly string _home = Path.Combine(Path.GetTempPath(), "orch-cli-tests", Guid.NewGuid().ToString("N"));

    private Task<CliResult> RunAsync(params string[] args) => CliRunner.RunAsync(app.BaseAddress, _home, args);

    [Fact]
    public async Task A_worker_claims_reads_the_prompt_releases_claims_again_and_submits_from_a_file()
    {
        var user = await app.CreateUserAsync();
        Environment.SetEnvironmentVariable("ORCH_PASSWORD", user.Password);
        Assert.Equal(0, (await RunAsync("login", "--email", user.Email)).Exit);
        var (project, tasks) = await ExecutionSeed.ReadyProjectAsync(app, user.Client, [[]]);
        await (await user.Client.PatchJsonAsync($"/api/projects/{project}", new { config = new { execution_mode = "external" } })).ReadJsonAsync();
        var token = await ExecutionSeed.StreamTokenAsync(user.Client, project);
        await (await user.Client.PostAsync($"/api/projects/{project}/execute", null)).ReadJsonAsync();
        await using var stream = await RawEventStream.OpenAsync(user.Client, $"/api/events/{project}?token={Uri.EscapeDataString(token)}");
        await stream.ReadUntilAsync("event: project_waiting");

        var claim = await RunAsync("task", "claim", tasks[0]);
        Assert.True(claim.Exit == 0, claim.Error);
        Assert.Contains("Claimed 't0' (attempt 1)", claim.Output, StringComparison.Ordinal);
        Assert.Contains("Write a greeting program.", claim.Output, StringComparison.Ordinal);
        Assert.Contains("## Your task: t0", claim.Output, StringComparison.Ordinal);
        Assert.Contains("queued", (await RunAsync("task", "release", tasks[0], "--attempt", "1")).Output, StringComparison.Ordinal);
        Assert.Contains("(attempt 2)", (await RunAsync("task", "claim", tasks[0])).Output, StringComparison.Ordinal);

        var stale = await RunAsync("task", "submit", tasks[0], "--attempt", "1", "--output", "late");
        Assert.Equal(1, stale.Exit);
        Assert.Contains("no longer holds", stale.Error, StringComparison.Ordinal);
        var both = await RunAsync("task", "submit", tasks[0], "--attempt", "2");
        Assert.Contains("exactly one of --output or --file", both.Error, StringComparison.Ordinal);
        Directory.CreateDirectory(_home);
        var file = Path.Combine(_home, "result.md");
        await File.WriteAllTextAsync(file, "print('hello')", TestContext.Current.CancellationToken);
        var submitted = await RunAsync("task", "submit", tasks[0], "--attempt", "2", "--file", file);
        Assert.True(submitted.Exit == 0, submitted.Error);
        Assert.Contains("t0: completed", submitted.Output, StringComparison.Ordinal);

        await stream.ReadUntilAsync("event: project_complete");
    }
}
