using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orchestration.Server.Tests.Execution;
using Orchestration.Server.Tests.Infrastructure;

namespace Orchestration.Server.Tests.Notifications;

/// <summary>execution.wait_expiry on the real host with a fake clock: a review or checkpoint nobody answers ends with the
/// configured action once the clock passes after_hours, and the wait_expired webhook is delivered.</summary>
public sealed class WaitExpiryTests
{
    private const string Secret = "whsec-expiry-0123456789abcdef";

    [Theory]
    [InlineData("approve", "[sim:human]", "completed", "project_complete")]
    [InlineData("skip", "[sim:human]", "completed", "project_complete")]
    [InlineData("fail", "[sim:human]", "failed", "project_failed")]
    [InlineData("approve", "[sim:fail]", "completed", "project_complete")]
    [InlineData("fail", "[sim:fail]", "failed", "project_failed")]
    public async Task An_unanswered_wait_ends_with_the_configured_action_once_the_clock_passes_after_hours(
        string action, string marker, string taskStatus, string projectEnd)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = await StartAsync(time, action, receiver.Url);
        var user = await app.CreateUserAsync();
        var (project, tasks) = await WaitingProjectAsync(app, user.Client, marker);

        time.Advance(TimeSpan.FromMinutes(50));
        await Task.Delay(300, TestContext.Current.CancellationToken);
        Assert.Equal("needs_review", await StatusAsync(user.Client, tasks[0]));

        time.Advance(TimeSpan.FromMinutes(20));
        var expired = await NotificationRuns.WaitForDeliveryAsync(user.Client, d => d.GetProperty("kind").GetString() == "wait_expired"
            && d.GetProperty("status").GetString() == "delivered");

        Assert.Equal(tasks[0], expired.GetProperty("task_id").GetString());
        var request = receiver.Requests.Single(r => r.DeliveryId == expired.GetProperty("id").GetString());
        var data = JsonDocument.Parse(request.Body).RootElement.GetProperty("data");
        var taken = action == "approve" && marker == "[sim:fail]" ? "skip" : action;   // a checkpoint without output has nothing to approve
        Assert.Equal(taken, data.GetProperty("action").GetString());
        Assert.True(data.GetProperty("waited_hours").GetDouble() >= 1);
        Assert.True(WebhookReceiver.Verifies(request, Secret, TimeSpan.FromMinutes(5), time.GetUtcNow()));
        await WaitForAsync(async () => await StatusAsync(user.Client, tasks[0]) == taskStatus);
        await WaitForAsync(async () => await ProjectStatusAsync(user.Client, project) == (projectEnd == "project_complete" ? "completed" : "failed"));
        Assert.Equal(taskStatus == "failed" ? "blocked" : "completed", await StatusAsync(user.Client, tasks[1]));
        Assert.Empty((await (await user.Client.GetAsync($"/api/checkpoints/project/{project}")).ReadJsonAsync()).EnumerateArray());
        var history = (await (await user.Client.GetAsync($"/api/events/{project}/history?limit=500")).ReadJsonAsync()).GetRawText();
        Assert.Contains("\"wait_expired\"", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_action_none_a_wait_stays_however_long_it_lasts_and_a_persons_answer_still_works()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = await StartAsync(time, "none", receiver.Url);
        var user = await app.CreateUserAsync();
        var (project, tasks) = await WaitingProjectAsync(app, user.Client, "[sim:human]");
        var wait = await NotificationRuns.WaitForDeliveryAsync(user.Client, d => d.GetProperty("kind").GetString() == "wait");
        Assert.Equal("task_needs_review", wait.GetProperty("event").GetString());

        for (var i = 0; i < 5; i++)
        {
            time.Advance(TimeSpan.FromHours(30));
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Equal("needs_review", await StatusAsync(user.Client, tasks[0]));
        Assert.DoesNotContain((await NotificationRuns.DeliveriesAsync(user.Client)).Items, d => d.GetProperty("kind").GetString() == "wait_expired");
        await (await user.Client.PostJsonAsync($"/api/tasks/{tasks[0]}/review", new { action = "approve" })).ReadJsonAsync();
        await WaitForAsync(async () => await ProjectStatusAsync(user.Client, project) == "completed");
    }

    [Fact]
    public async Task A_wait_a_person_answered_is_not_ended_again_by_the_sweep()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = await StartAsync(time, "fail", receiver.Url);
        var user = await app.CreateUserAsync();
        var (project, tasks) = await WaitingProjectAsync(app, user.Client, "[sim:human]");

        await (await user.Client.PostJsonAsync($"/api/tasks/{tasks[0]}/review", new { action = "approve" })).ReadJsonAsync();
        await WaitForAsync(async () => await ProjectStatusAsync(user.Client, project) == "completed");
        time.Advance(TimeSpan.FromHours(3));
        await Task.Delay(300, TestContext.Current.CancellationToken);

        Assert.Equal("completed", await StatusAsync(user.Client, tasks[0]));
        var history = (await (await user.Client.GetAsync($"/api/events/{project}/history?limit=500")).ReadJsonAsync()).GetRawText();
        Assert.DoesNotContain("\"wait_expired\"", history, StringComparison.Ordinal);
    }

    private static Task<OrchestrationApp> StartAsync(FakeTimeProvider time, string action, string url) =>
        OrchestrationApp.StartAsync(
            $$"""
            { "execution": { "auto_retries": 0, "wait_expiry": { "after_hours": 1, "action": "{{action}}" } },
              "anthropic": { "max_retries": 0 },
              "notifications": { "webhooks": [{{WebhookTests.Hook(url, Secret, "wait", "wait_expired")}}] } }
            """,
            services => services.AddSingleton<TimeProvider>(time));

    /// <summary>Two tasks, the second depending on the first, whose marker makes it wait for a person: [sim:human] a review
    /// (with output), [sim:fail] a checkpoint (its attempts failed, no output).</summary>
    private static async Task<(string Project, string[] Tasks)> WaitingProjectAsync(OrchestrationApp app, HttpClient client, string marker)
    {
        var (project, tasks) = await ExecutionSeed.ReadyProjectAsync(app, client, [], [0]);
        await using (var c = await app.OpenDatabaseAsync(CancellationToken.None))
        {
            await c.ExecuteAsync("UPDATE tasks SET description = @marker WHERE id = @id", new { marker = "Write it. " + marker, id = tasks[0] });
        }
        await NotificationRuns.ExecuteUntilAsync(client, project, marker == "[sim:fail]" ? "checkpoint" : "task_needs_review");
        Assert.Equal("needs_review", await StatusAsync(client, tasks[0]));
        return (project, tasks);
    }

    private static async Task<string?> StatusAsync(HttpClient client, string taskId) =>
        (await (await client.GetAsync($"/api/tasks/{taskId}")).ReadJsonAsync()).GetProperty("status").GetString();

    private static async Task<string?> ProjectStatusAsync(HttpClient client, string projectId) =>
        (await (await client.GetAsync($"/api/projects/{projectId}")).ReadJsonAsync()).GetProperty("status").GetString();

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for the condition.");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
