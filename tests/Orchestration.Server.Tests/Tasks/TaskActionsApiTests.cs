using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.Engine.Models;
using Orchestration.Server.Tests.Events;
using Orchestration.Server.Tests.Execution;
using Orchestration.Server.Tests.Infrastructure;

namespace Orchestration.Server.Tests.Tasks;

public sealed class TaskActionsApiTests : IAsyncLifetime
{
    private readonly GatedGateway _gateway = new();
    private OrchestrationApp _app = null!;

    public async ValueTask InitializeAsync() =>
        _app = await OrchestrationApp.StartAsync("""{ "execution": { "auto_retries": 0, "checkpoint_on_retry_exhausted": false } }""", s => s.AddSingleton<IModelGateway>(_gateway));

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task A_failed_task_is_retried_and_execute_then_finishes_the_project()
    {
        var client = await _app.CreateClientForNewUserAsync();
        var (project, tasks) = await ExecutionSeed.ReadyProjectAsync(_app, client, [], [0]);
        var failing = true;
        _gateway.FailWhen = _ => failing;
        await RunUntilAsync(client, project, "project_failed");
        Assert.Equal("blocked", (await (await client.GetAsync($"/api/tasks/{tasks[1]}")).ReadJsonAsync()).GetProperty("status").GetString());

        failing = false;
        var retried = await (await client.PostAsync($"/api/tasks/{tasks[0]}/retry", null)).ReadJsonAsync();
        Assert.Equal(("queued", 1), (retried.GetProperty("status").GetString(), retried.GetProperty("retry_count").GetInt32()));
        Assert.Equal("pending", (await (await client.GetAsync($"/api/tasks/{tasks[1]}")).ReadJsonAsync()).GetProperty("status").GetString());
        await RunUntilAsync(client, project, "project_complete");

        await (await client.PostAsync($"/api/tasks/{tasks[0]}/retry", null)).AssertProblemAsync(HttpStatusCode.Conflict, "completed");
        await (await client.PostJsonAsync($"/api/tasks/{tasks[0]}/cancel", new { })).AssertProblemAsync(HttpStatusCode.Conflict, "completed");
    }

    [Fact]
    public async Task Another_users_tasks_cannot_be_retried_or_cancelled_and_bulk_says_not_found()
    {
        var owner = await _app.CreateClientForNewUserAsync();
        var stranger = await _app.CreateClientForNewUserAsync();
        var (_, tasks) = await ExecutionSeed.ReadyProjectAsync(_app, owner, [[]]);

        await (await stranger.PostAsync($"/api/tasks/{tasks[0]}/retry", null)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.PostAsync($"/api/tasks/{tasks[0]}/cancel", null)).AssertProblemAsync(HttpStatusCode.NotFound);
        var bulk = await (await stranger.PostJsonAsync("/api/tasks/bulk", new { task_ids = tasks, action = "cancel" })).ReadJsonAsync();

        Assert.Empty(bulk.GetProperty("succeeded").EnumerateArray());
        Assert.Equal(tasks[0], bulk.GetProperty("failed")[0].GetProperty("id").GetString());
        Assert.Equal("pending", (await (await owner.GetAsync($"/api/tasks/{tasks[0]}")).ReadJsonAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Bulk_cancel_reports_each_task_and_bulk_input_is_validated()
    {
        var client = await _app.CreateClientForNewUserAsync();
        var (_, tasks) = await ExecutionSeed.ReadyProjectAsync(_app, client, [], [0]);

        var first = await (await client.PostJsonAsync("/api/tasks/bulk", new { task_ids = tasks, action = "cancel" })).ReadJsonAsync();
        var again = await (await client.PostJsonAsync("/api/tasks/bulk", new { task_ids = new[] { tasks[0] }, action = "cancel" })).ReadJsonAsync();

        Assert.Equal(tasks, first.GetProperty("succeeded").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("cancelled", again.GetProperty("failed")[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
        await (await client.PostJsonAsync("/api/tasks/bulk", new { task_ids = Array.Empty<string>(), action = "retry" }))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "task_ids");
        await (await client.PostJsonAsync("/api/tasks/bulk", new { task_ids = Enumerable.Range(0, 101).Select(i => $"t{i}"), action = "retry" }))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "task_ids");
        await (await client.PostJsonAsync("/api/tasks/bulk", new { task_ids = tasks, action = "explode" }))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "action");
    }

    private async Task RunUntilAsync(HttpClient client, string project, string finalEvent)
    {
        var token = await ExecutionSeed.StreamTokenAsync(client, project);
        await (await client.PostAsync($"/api/projects/{project}/execute", null)).ReadJsonAsync();
        await using var stream = await RawEventStream.OpenAsync(client, $"/api/events/{project}?token={Uri.EscapeDataString(token)}");
        await stream.ReadUntilAsync($"event: {finalEvent}");
    }
}
