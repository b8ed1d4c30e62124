using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.Core.Domain;
using Orchestration.Engine.Models;
using Orchestration.Server.Tests.Events;
using Orchestration.Server.Tests.Execution;
using Orchestration.Server.Tests.Infrastructure;

namespace Orchestration.Server.Tests.Tasks;

/// <summary>execution_mode external and hybrid: workers outside the server claim ready tasks, get the prompt the
/// executor would send, and submit results or release the tasks; the project completes when the last result lands.</summary>
public sealed class ExternalTasksApiTests : IAsyncLifetime
{
    private readonly GatedGateway _gateway = new();
    private OrchestrationApp _app = null!;

    // One worker slot, so that in a hybrid run one ready task is still queued while the executor runs the other.
    public async ValueTask InitializeAsync() =>
        _app = await OrchestrationApp.StartAsync("""{ "execution": { "max_concurrent_tasks": 1 } }""", s => s.AddSingleton<IModelGateway>(_gateway));

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task An_external_project_is_run_by_its_workers_claim_by_claim_and_completes_with_the_last_result()
    {
        var client = await _app.CreateClientForNewUserAsync();
        var (project, tasks) = await ExecutionSeed.ReadyProjectAsync(_app, client, [], [0]);
        await SetModeAsync(client, project, "external");
        var token = await ExecutionSeed.StreamTokenAsync(client, project);
        await (await client.PostAsync($"/api/projects/{project}/execute", null)).ReadJsonAsync();
        await using var stream = await RawEventStream.OpenAsync(client, $"/api/events/{project}?token={Uri.EscapeDataString(token)}");
        await stream.ReadUntilAsync("event: project_waiting");

        Assert.Equal(0, _gateway.Calls);
        Assert.Equal("executing", await StatusAsync(client, $"/api/projects/{project}"));
        // t1 waits for t0: it cannot be claimed yet.
        await (await client.PostAsync($"/api/tasks/{tasks[1]}/claim", null)).AssertProblemAsync(HttpStatusCode.Conflict, "pending");

        var claim = await (await client.PostAsync($"/api/tasks/{tasks[0]}/claim", null)).ReadJsonAsync();
        Assert.Equal(("running", 1), (claim.GetProperty("task").GetProperty("status").GetString(), claim.GetProperty("attempt").GetInt32()));
        Assert.True(claim.GetProperty("lease_expires_at").GetDouble() > DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 3000);
        Assert.Contains("Write a greeting program.", claim.GetProperty("prompt").GetProperty("system").GetString(), StringComparison.Ordinal);
        Assert.Contains("## Your task: t0", claim.GetProperty("prompt").GetProperty("task").GetString(), StringComparison.Ordinal);
        await (await client.PostAsync($"/api/tasks/{tasks[0]}/claim", null)).AssertProblemAsync(HttpStatusCode.Conflict, "running");

        var done = await (await client.PostJsonAsync($"/api/tasks/{tasks[0]}/submit", new { attempt = 1, output = "print('hello')" })).ReadJsonAsync();
        Assert.Equal(("completed", "external"), (done.GetProperty("status").GetString(), done.GetProperty("model_used").GetString()));
        await (await client.PostJsonAsync($"/api/tasks/{tasks[0]}/submit", new { attempt = 1, output = "again" }))
            .AssertProblemAsync(HttpStatusCode.Conflict, "no longer holds");

        // The dependant got the first output in its prompt.
        var next = await (await client.PostAsync($"/api/tasks/{tasks[1]}/claim", null)).ReadJsonAsync();
        Assert.Contains("print('hello')", next.GetProperty("prompt").GetProperty("task").GetString(), StringComparison.Ordinal);
        var released = await (await client.PostJsonAsync($"/api/tasks/{tasks[1]}/release", new { attempt = 1 })).ReadJsonAsync();
        Assert.Equal("queued", released.GetProperty("status").GetString());
        var again = await (await client.PostAsync($"/api/tasks/{tasks[1]}/claim", null)).ReadJsonAsync();
        Assert.Equal(2, again.GetProperty("attempt").GetInt32());
        await (await client.PostJsonAsync($"/api/tasks/{tasks[1]}/submit", new { attempt = 2, output = "Run it with python." })).ReadJsonAsync();

        await stream.ReadUntilAsync("event: project_complete");
        Assert.Equal("completed", await StatusAsync(client, $"/api/projects/{project}"));
        // No model ran the tasks; the server only verified the two results.
        Assert.Equal([CallPurpose.Verification, CallPurpose.Verification], _gateway.Purposes.ToArray());
        Assert.Equal("passed", (await (await client.GetAsync($"/api/tasks/{tasks[1]}")).ReadJsonAsync()).GetProperty("verification_status").GetString());
    }

    [Fact]
    public async Task An_external_result_the_verifier_finds_short_goes_back_to_the_queue_with_its_notes_for_the_next_claim()
    {
        var client = await _app.CreateClientForNewUserAsync();
        var (project, tasks) = await ExecutionSeed.ReadyProjectAsync(_app, client, [[]]);
        await SetModeAsync(client, project, "external");
        await (await client.PostAsync($"/api/projects/{project}/execute", null)).ReadJsonAsync();
        _gateway.VerificationAnswer = """{"verdict":"gaps_found","notes":"The greeting never says the user's name."}""";
        var first = await ClaimWhenReadyAsync(client, tasks[0]);

        var submitted = await (await client.PostJsonAsync($"/api/tasks/{tasks[0]}/submit",
            new { attempt = first.GetProperty("attempt").GetInt32(), output = "print('hello')" })).ReadJsonAsync();

        Assert.Equal(("queued", "gaps_found"), (submitted.GetProperty("status").GetString(), submitted.GetProperty("verification_status").GetString()));
        _gateway.VerificationAnswer = """{"verdict":"passed","notes":"ok"}""";
        var second = await ClaimWhenReadyAsync(client, tasks[0]);
        Assert.Contains("never says the user's name", second.GetProperty("prompt").GetProperty("task").GetString(), StringComparison.Ordinal);
        var done = await (await client.PostJsonAsync($"/api/tasks/{tasks[0]}/submit",
            new { attempt = second.GetProperty("attempt").GetInt32(), output = "print(f'hello {name}')" })).ReadJsonAsync();
        Assert.Equal("completed", done.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Claims_need_a_hybrid_or_external_executing_project_of_ones_own_and_submissions_are_validated()
    {
        var owner = await _app.CreateClientForNewUserAsync();
        var stranger = await _app.CreateClientForNewUserAsync();
        var (project, tasks) = await ExecutionSeed.ReadyProjectAsync(_app, owner, [[]]);

        await (await owner.PostAsync($"/api/tasks/{tasks[0]}/claim", null)).AssertProblemAsync(HttpStatusCode.Conflict, "execution_mode is auto");
        await SetModeAsync(owner, project, "hybrid");
        await (await owner.PostAsync($"/api/tasks/{tasks[0]}/claim", null)).AssertProblemAsync(HttpStatusCode.Conflict, "execute it first");
        await (await stranger.PostAsync($"/api/tasks/{tasks[0]}/claim", null)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await owner.PostJsonAsync($"/api/tasks/{tasks[0]}/submit", new { output = "x" })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "attempt");
        await (await owner.PostJsonAsync($"/api/tasks/{tasks[0]}/submit", new { attempt = 1, output = " " }))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "output");
        await (await stranger.PostJsonAsync($"/api/tasks/{tasks[0]}/release", new { attempt = 1 })).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task In_a_hybrid_project_a_worker_takes_a_task_and_the_executor_runs_the_rest()
    {
        var client = await _app.CreateClientForNewUserAsync();
        var (project, tasks) = await ExecutionSeed.ReadyProjectAsync(_app, client, [], [], [0, 1]);
        await SetModeAsync(client, project, "hybrid");
        _gateway.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var token = await ExecutionSeed.StreamTokenAsync(client, project);
        await (await client.PostAsync($"/api/projects/{project}/execute", null)).ReadJsonAsync();
        await using var stream = await RawEventStream.OpenAsync(client, $"/api/events/{project}?token={Uri.EscapeDataString(token)}");

        // The executor holds t0 or t1 in a model call (the gateway waits); a worker claims the one still queued.
        await _gateway.Started.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        var queued = await FirstQueuedAsync(client, tasks[..2]);
        var claim = await (await client.PostAsync($"/api/tasks/{queued}/claim", null)).ReadJsonAsync();
        _gateway.Gate.TrySetResult();
        await (await client.PostJsonAsync($"/api/tasks/{queued}/submit", new { attempt = claim.GetProperty("attempt").GetInt32(), output = "by hand" }))
            .ReadJsonAsync();

        await stream.ReadUntilAsync("event: project_complete");
        Assert.Equal("external", (await (await client.GetAsync($"/api/tasks/{queued}")).ReadJsonAsync()).GetProperty("model_used").GetString());
        Assert.Equal("completed", await StatusAsync(client, $"/api/tasks/{tasks[2]}"));
    }

    /// <summary>Claims the task once the executor has queued it (execute reconciles readiness in the same commit).</summary>
    private static async Task<JsonElement> ClaimWhenReadyAsync(HttpClient client, string taskId) =>
        await (await client.PostAsync($"/api/tasks/{taskId}/claim", null)).ReadJsonAsync();

    private static async Task SetModeAsync(HttpClient client, string project, string mode) =>
        await (await client.PatchJsonAsync($"/api/projects/{project}", new { config = new { execution_mode = mode } })).ReadJsonAsync();

    private static async Task<string> StatusAsync(HttpClient client, string url) =>
        (await (await client.GetAsync(url)).ReadJsonAsync()).GetProperty("status").GetString()!;

    private static async Task<string> FirstQueuedAsync(HttpClient client, string[] candidates)
    {
        foreach (var id in candidates)
        {
            if (await StatusAsync(client, $"/api/tasks/{id}") == "queued")
            {
                return id;
            }
        }
        throw new InvalidOperationException("No ready task was left queued while the executor's only slot was busy.");
    }
}
