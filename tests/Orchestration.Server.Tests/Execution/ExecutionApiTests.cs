using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.Engine.Models;
using Orchestration.Server.Tests.Infrastructure;

namespace Orchestration.Server.Tests.Execution;

public sealed class ExecutionApiTests : IAsyncLifetime
{
    private readonly GatedGateway _gateway = new() { Gate = new(TaskCreationOptions.RunContinuationsAsynchronously) };
    private OrchestrationApp _app = null!;

    public async ValueTask InitializeAsync() =>
        _app = await OrchestrationApp.StartAsync(configureServices: s => s.AddSingleton<IModelGateway>(_gateway));

    public async ValueTask DisposeAsync()
    {
        _gateway.Gate?.TrySetResult();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Execute_answers_the_project_already_executing_with_project_id_beside_id()
    {
        var client = await _app.CreateClientForNewUserAsync();
        var (project, _) = await ExecutionSeed.ReadyProjectAsync(_app, client, [[]]);

        var body = await (await client.PostAsync($"/api/projects/{project}/execute", null)).ReadJsonAsync();

        Assert.Equal("executing", body.GetProperty("status").GetString());
        Assert.Equal(project, body.GetProperty("project_id").GetString());
        Assert.Equal(project, body.GetProperty("id").GetString());
        var reread = await (await client.GetAsync($"/api/projects/{project}")).ReadJsonAsync();
        Assert.Equal("executing", reread.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Pause_and_cancel_accept_an_empty_json_body_and_follow_the_state_table()
    {
        var client = await _app.CreateClientForNewUserAsync();
        var (project, _) = await ExecutionSeed.ReadyProjectAsync(_app, client, [], []);
        await client.PostAsync($"/api/projects/{project}/execute", null);

        var paused = await (await client.PostJsonAsync($"/api/projects/{project}/pause", new { })).ReadJsonAsync();
        Assert.Equal("paused", paused.GetProperty("status").GetString());
        await (await client.PostAsync($"/api/projects/{project}/pause", null)).AssertProblemAsync(HttpStatusCode.Conflict, "paused");

        var cancelled = await (await client.PostJsonAsync($"/api/projects/{project}/cancel", new { })).ReadJsonAsync();
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        await (await client.PostAsync($"/api/projects/{project}/execute", null)).AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Execute_of_a_draft_project_is_a_conflict()
    {
        var client = await _app.CreateClientForNewUserAsync();
        var created = await (await client.PostJsonAsync("/api/projects", new { name = "n", requirements = "r" })).ReadJsonAsync(HttpStatusCode.Created);

        await (await client.PostAsync($"/api/projects/{created.GetProperty("id").GetString()}/execute", null))
            .AssertProblemAsync(HttpStatusCode.Conflict, "draft");
    }

    [Fact]
    public async Task Another_users_project_cannot_be_executed_paused_or_cancelled()
    {
        var owner = await _app.CreateClientForNewUserAsync();
        var stranger = await _app.CreateClientForNewUserAsync();
        var (project, _) = await ExecutionSeed.ReadyProjectAsync(_app, owner, [[]]);

        foreach (var action in new[] { "execute", "pause", "cancel" })
        {
            await (await stranger.PostAsync($"/api/projects/{project}/{action}", null)).AssertProblemAsync(HttpStatusCode.NotFound);
        }
        var reread = await (await owner.GetAsync($"/api/projects/{project}")).ReadJsonAsync();
        Assert.Equal("ready", reread.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Cancel_while_a_model_call_runs_stops_it_and_nothing_completes()
    {
        var client = await _app.CreateClientForNewUserAsync();
        var (project, _) = await ExecutionSeed.ReadyProjectAsync(_app, client, [], [0]);
        await client.PostAsync($"/api/projects/{project}/execute", null);
        await _gateway.Started.Task.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);

        await (await client.PostAsync($"/api/projects/{project}/cancel", null)).ReadJsonAsync();

        var history = await (await client.GetAsync($"/api/events/{project}/history")).ReadJsonAsync();
        Assert.DoesNotContain(history.EnumerateArray(), e => e.GetProperty("type").GetString() == "task_complete");
        Assert.Equal("project_cancelled", history[0].GetProperty("type").GetString());
    }
}
