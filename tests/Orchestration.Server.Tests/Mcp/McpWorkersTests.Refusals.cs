using System.Net;
using Orchestration.Server.Tests.Execution;
using Orchestration.Server.Tests.Infrastructure;

namespace Orchestration.Server.Tests.Mcp;

// What an agent cannot do: every refusal is a tool error whose text says why, never an HTTP failure.
public sealed partial class McpWorkersTests
{
    [Fact]
    public async Task Claims_outside_an_executing_hybrid_or_external_project_are_tool_errors_that_say_why()
    {
        var owner = await app.CreateUserAsync();
        var (project, tasks) = await ExecutionSeed.ReadyProjectAsync(app, owner.Client, [[]]);
        await using var worker = await McpWorker.ConnectAsync(app, owner.AccessToken);
        var args = new Dictionary<string, object?> { ["task_id"] = tasks[0] };

        Assert.Contains("execution_mode is auto", await worker.CallErrorAsync("claim_task", args), StringComparison.Ordinal);
        var listed = await worker.CallJsonAsync("list_ready_tasks", new() { ["project_id"] = project });
        Assert.Contains("execution_mode is auto", Str(listed, "note"), StringComparison.Ordinal);

        await SetModeAsync(owner.Client, project, "hybrid");
        Assert.Contains("execute it first", await worker.CallErrorAsync("claim_task", args), StringComparison.Ordinal);
        listed = await worker.CallJsonAsync("list_ready_tasks", new() { ["project_id"] = project });
        Assert.Contains("The project is ready, not executing", Str(listed, "note"), StringComparison.Ordinal);

        Assert.Contains("no task 'nope'", await worker.CallErrorAsync("claim_task", new() { ["task_id"] = "nope" }), StringComparison.Ordinal);
        Assert.Contains("no project 'nope'", await worker.CallErrorAsync("list_ready_tasks", new() { ["project_id"] = "nope" }), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stale_attempts_and_bad_arguments_are_tool_errors_and_leave_the_claim_alone()
    {
        var owner = await app.CreateUserAsync();
        var (_, tasks, stream) = await ExecutingExternalProjectAsync(owner, [[]]);
        await using var _ = stream;
        await using var worker = await McpWorker.ConnectAsync(app, owner.AccessToken);
        var t0 = tasks[0];

        Assert.Equal(1, (await worker.CallJsonAsync("claim_task", new() { ["task_id"] = t0 })).GetProperty("attempt").GetInt64());
        Assert.Contains("The task is running", await worker.CallErrorAsync("claim_task", new() { ["task_id"] = t0 }), StringComparison.Ordinal);
        Assert.Contains("no longer holds",
            await worker.CallErrorAsync("submit_task", new() { ["task_id"] = t0, ["attempt"] = 2, ["output"] = "x" }), StringComparison.Ordinal);
        Assert.Contains("no longer holds", await worker.CallErrorAsync("release_task", new() { ["task_id"] = t0, ["attempt"] = 2 }), StringComparison.Ordinal);
        Assert.Contains("Missing argument 'output'. submit_task takes task_id (string), attempt (integer), output (string).",
            await worker.CallErrorAsync("submit_task", new() { ["task_id"] = t0, ["attempt"] = 1 }), StringComparison.Ordinal);
        Assert.Contains("wrong type",
            await worker.CallErrorAsync("submit_task", new() { ["task_id"] = t0, ["attempt"] = "first", ["output"] = "x" }), StringComparison.Ordinal);
        Assert.Contains("'output' is empty",
            await worker.CallErrorAsync("submit_task", new() { ["task_id"] = t0, ["attempt"] = 1, ["output"] = "  " }), StringComparison.Ordinal);
        Assert.Equal("running", await TaskStatusAsync(owner, t0));

        // Released, the task is claimed again with a new attempt; the old attempt no longer counts.
        Assert.Equal("queued", Str(await worker.CallJsonAsync("release_task", new() { ["task_id"] = t0, ["attempt"] = 1 }), "status"));
        Assert.Equal(2, (await worker.CallJsonAsync("claim_task", new() { ["task_id"] = t0 })).GetProperty("attempt").GetInt64());
        Assert.Contains("no longer holds",
            await worker.CallErrorAsync("submit_task", new() { ["task_id"] = t0, ["attempt"] = 1, ["output"] = "x" }), StringComparison.Ordinal);
        Assert.Equal("completed", Str(await worker.CallJsonAsync("submit_task", new() { ["task_id"] = t0, ["attempt"] = 2, ["output"] = "x" }), "status"));
    }

    [Fact]
    public async Task Another_user_can_neither_see_nor_claim_nor_settle_the_owners_tasks()
    {
        var owner = await app.CreateUserAsync();
        var stranger = await app.CreateUserAsync();
        var (project, tasks, stream) = await ExecutingExternalProjectAsync(owner, [[]]);
        await using var _ = stream;
        await using var theirs = await McpWorker.ConnectAsync(app, stranger.AccessToken);
        await using var mine = await McpWorker.ConnectAsync(app, owner.AccessToken);
        var t0 = tasks[0];

        Assert.Equal(0, (await theirs.CallJsonAsync("list_projects")).GetProperty("total").GetInt64());
        Assert.Contains("no project", await theirs.CallErrorAsync("list_ready_tasks", new() { ["project_id"] = project }), StringComparison.Ordinal);
        Assert.Contains("no task", await theirs.CallErrorAsync("claim_task", new() { ["task_id"] = t0 }), StringComparison.Ordinal);
        Assert.Equal("queued", await TaskStatusAsync(owner, t0));

        await mine.CallJsonAsync("claim_task", new() { ["task_id"] = t0 });
        Assert.Contains("no task",
            await theirs.CallErrorAsync("submit_task", new() { ["task_id"] = t0, ["attempt"] = 1, ["output"] = "theirs" }), StringComparison.Ordinal);
        Assert.Contains("no task", await theirs.CallErrorAsync("release_task", new() { ["task_id"] = t0, ["attempt"] = 1 }), StringComparison.Ordinal);
        Assert.Equal("running", await TaskStatusAsync(owner, t0));
    }

    [Fact]
    public async Task Mcp_requests_count_against_the_users_rate_limit_like_the_api()
    {
        await using var limited = await OrchestrationApp.StartAsync("""{ "server": { "rate_limit": "3/minute" } }""");
        var user = await limited.CreateUserAsync();

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await PostInitializeAsync(user.Client)).StatusCode);
        }
        var refused = await PostInitializeAsync(user.Client);
        await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests, "Rate limit exceeded");
        Assert.True(refused.Headers.RetryAfter is not null);
    }

    private static async Task<string> TaskStatusAsync(TestUser owner, string taskId) =>
        Str(await (await owner.Client.GetAsync($"/api/tasks/{taskId}")).ReadJsonAsync(), "status");
}
