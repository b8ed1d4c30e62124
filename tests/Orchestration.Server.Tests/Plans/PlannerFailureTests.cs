using System.Net;
using Orchestration.Engine.Models;
using Orchestration.Server.Tests.Infrastructure;

namespace Orchestration.Server.Tests.Plans;

/// <summary>When planning fails, the answer says why, nothing is stored, and the project is back in draft with the reason.</summary>
public sealed class PlannerFailureTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(OrchestrationApp App, HttpClient Client, string ProjectId)> StartAsync(ScriptedGateway gateway)
    {
        var app = await OrchestrationApp.StartAsync(configureServices: PlanningServices.Scripted(gateway));
        var client = (await app.CreateUserAsync()).Client;
        return (app, client, await PlanningApp.CreateProjectAsync(client, "One.\n\nTwo.", "L1"));
    }

    private static async Task AssertNothingStoredAsync(HttpClient client, string projectId, string reason)
    {
        Assert.Equal(0, (await (await client.GetAsync($"/api/projects/{projectId}/plans", Ct)).ReadJsonAsync()).GetArrayLength());
        var project = await (await client.GetAsync($"/api/projects/{projectId}", Ct)).ReadJsonAsync();
        Assert.Equal("draft", project.GetProperty("status").GetString());
        Assert.Contains(reason, project.GetProperty("status_reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_invalid_answers_are_a_422_saying_what_was_wrong()
    {
        var gateway = new ScriptedGateway { Answer = call => call == 1 ? "Let me think about it." : """{"summary": "s", "tasks": [{"title": "A"}]}""" };
        var (app, client, projectId) = await StartAsync(gateway);
        await using var running = app;

        var problem = await (await PlanningApp.PlanAsync(client, projectId)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "did not return a valid plan");

        Assert.Equal(2, gateway.Calls);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("tasks[0].task_type", out _));
        await AssertNothingStoredAsync(client, projectId, "did not return a valid plan");
    }

    [Fact]
    public async Task A_budget_refusal_is_a_402()
    {
        var gateway = new ScriptedGateway { Answer = _ => throw new BudgetExceededException("project", 10m, "The project budget of $10.00 is exhausted.") };
        var (app, client, projectId) = await StartAsync(gateway);
        await using var running = app;

        await (await PlanningApp.PlanAsync(client, projectId)).AssertProblemAsync(HttpStatusCode.PaymentRequired, "budget");
        await AssertNothingStoredAsync(client, projectId, "budget");
    }

    [Fact]
    public async Task An_unreachable_planning_model_is_a_502()
    {
        var gateway = new ScriptedGateway { Answer = _ => throw new ModelProviderException("anthropic", "Connection refused.", isTransient: true) };
        var (app, client, projectId) = await StartAsync(gateway);
        await using var running = app;

        await (await PlanningApp.PlanAsync(client, projectId)).AssertProblemAsync(HttpStatusCode.BadGateway, "Connection refused");
        await AssertNothingStoredAsync(client, projectId, "could not answer");
    }

    [Fact]
    public async Task Planning_a_project_that_is_already_planning_is_a_409()
    {
        var gateway = new ScriptedGateway
        {
            Answer = _ => """{"summary": "s", "tasks": [{"title": "A", "description": "", "task_type": "code", "complexity": "simple", "requirement_ids": ["R1", "R2"]}]}""",
            Entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously),
            Release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously),
        };
        var (app, client, projectId) = await StartAsync(gateway);
        await using var running = app;

        var first = PlanningApp.PlanAsync(client, projectId);
        await gateway.Entered.Task.WaitAsync(Ct);
        await (await PlanningApp.PlanAsync(client, projectId)).AssertProblemAsync(HttpStatusCode.Conflict, "planning");
        var project = await (await client.GetAsync($"/api/projects/{projectId}", Ct)).ReadJsonAsync();
        Assert.Equal("planning", project.GetProperty("status").GetString());

        gateway.Release.SetResult();
        var planned = await (await first).ReadJsonAsync();
        Assert.Equal(1, planned.GetProperty("version").GetInt32());
        Assert.Equal(1, gateway.Calls);
    }
}
