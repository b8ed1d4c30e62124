using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.Server.Tests.Events;
using Orchestration.Server.Tests.Infrastructure;
using Orchestration.Server.Tests.Plans;

namespace Orchestration.Server.Tests.Execution;

/// <summary>The README walkthrough over HTTP, offline: plan with the simulated provider, approve, execute, watch live.</summary>
public sealed class EndToEndRunTests(OrchestrationApp app) : IClassFixture<OrchestrationApp>
{
    private const string Requirements = """
        Create a hello-world deliverable.

        Write hello_world.py that prints a greeting and today's date in ISO format.

        Write RUN.md with exact steps to run it.

        Summarize what you created in 2 bullets.
        """;

    [Fact]
    public async Task A_planned_project_runs_to_completion_live_over_sse_with_every_task_done_once_and_the_ledger_balanced()
    {
        var client = await app.CreateClientForNewUserAsync();
        var project = await PlanningApp.CreateProjectAsync(client, Requirements);
        var plan = await PlanningApp.PlannedAsync(client, project);
        var approved = await (await PlanningApp.ApproveAsync(client, project, plan.GetProperty("plan_id").GetString()!)).ReadJsonAsync();
        var taskCount = approved.GetProperty("tasks_created").GetInt32();
        Assert.True(taskCount >= 2);
        var token = await ExecutionSeed.StreamTokenAsync(client, project);
        await using var stream = await RawEventStream.OpenAsync(app.CreateClient(), $"/api/events/{project}?token={Uri.EscapeDataString(token)}");

        var executing = await (await client.PostAsync($"/api/projects/{project}/execute", null)).ReadJsonAsync();
        Assert.Equal("executing", executing.GetProperty("status").GetString());
        await stream.ReadUntilAsync("event: project_complete");

        var events = stream.Events();
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), RawEventStream.Ids(events));
        Assert.Equal(taskCount, events.Count(e => e.Type == "task_complete"));
        Assert.Equal(taskCount, events.Select(e => JsonDocument.Parse(e.Data).RootElement)
            .Where(e => e.GetProperty("type").GetString() == "task_complete").Select(e => e.GetProperty("task_id").GetString()).Distinct().Count());
        var tasks = await (await client.GetAsync($"/api/tasks/project/{project}")).ReadJsonAsync();
        Assert.All(tasks.EnumerateArray(), t =>
        {
            Assert.Equal("completed", t.GetProperty("status").GetString());
            Assert.False(string.IsNullOrEmpty(t.GetProperty("model_used").GetString()));
        });
        var one = await (await client.GetAsync($"/api/tasks/{tasks[0].GetProperty("id").GetString()}")).ReadJsonAsync();
        Assert.False(string.IsNullOrWhiteSpace(one.GetProperty("output_text").GetString()));
        Assert.Equal("completed", (await (await client.GetAsync($"/api/projects/{project}")).ReadJsonAsync()).GetProperty("status").GetString());

        await using var c = await app.OpenDatabaseAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM budget_reservations"));
        // Every task ran its model (tasks with tools take a round per tool call), and every output was verified once.
        Assert.Equal(taskCount, await c.ExecuteScalarAsync<long>(
            "SELECT COUNT(DISTINCT task_id) FROM usage_records WHERE project_id = @project AND purpose = 'execution'", new { project }));
        Assert.Equal(taskCount, await c.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM usage_records WHERE project_id = @project AND purpose = 'verification'", new { project }));
    }
}
