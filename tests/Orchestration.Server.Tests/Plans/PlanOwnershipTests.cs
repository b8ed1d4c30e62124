using System.Net;
using System.Text.Json.Nodes;
using Orchestration.Server.Tests.Infrastructure;

namespace Orchestration.Server.Tests.Plans;

/// <summary>Another user's project, plan or task does not exist for you: 404 on every route, and nothing changes.</summary>
public sealed class PlanOwnershipTests(PlanningApp fixture) : IClassFixture<PlanningApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Another_users_plans_and_tasks_are_404_for_every_verb()
    {
        var owner = (await fixture.App.CreateUserAsync()).Client;
        var other = (await fixture.App.CreateUserAsync()).Client;
        var projectId = await PlanningApp.CreateProjectAsync(owner, "One.\n\nTwo.", "L1");
        var planned = await PlanningApp.PlannedAsync(owner, projectId);
        var planId = planned.GetProperty("id").GetString()!;
        var taskId = (await (await PlanningApp.ApproveAsync(owner, projectId, planId)).ReadJsonAsync()).GetProperty("task_ids")[0].GetString()!;
        var draftTwo = (await PlanningApp.PlannedAsync(owner, projectId)).GetProperty("id").GetString()!;
        var plan = new { plan = JsonNode.Parse(planned.GetProperty("plan").GetRawText()) };

        await (await PlanningApp.PlanAsync(other, projectId)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await other.GetAsync($"/api/projects/{projectId}/plans", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await other.GetAsync($"/api/projects/{projectId}/plans/{planId}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await other.PatchJsonAsync($"/api/projects/{projectId}/plans/{draftTwo}", plan)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await PlanningApp.ApproveAsync(other, projectId, draftTwo)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await other.GetAsync($"/api/projects/{projectId}/coverage", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await other.GetAsync($"/api/tasks/project/{projectId}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await other.GetAsync($"/api/tasks/{taskId}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await other.PatchJsonAsync($"/api/tasks/{taskId}", new { title = "stolen" })).AssertProblemAsync(HttpStatusCode.NotFound);

        var task = await (await owner.GetAsync($"/api/tasks/{taskId}", Ct)).ReadJsonAsync();
        Assert.NotEqual("stolen", task.GetProperty("title").GetString());
        var plans = await (await owner.GetAsync($"/api/projects/{projectId}/plans", Ct)).ReadJsonAsync();
        Assert.Equal(2, plans.GetArrayLength());
        Assert.Equal("draft", plans[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Planning_routes_need_authentication()
    {
        using var anonymous = fixture.App.CreateClient();
        await (await PlanningApp.PlanAsync(anonymous, "any")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.GetAsync("/api/tasks/project/any", Ct)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.GetAsync("/api/projects/any/coverage", Ct)).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }
}
