using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestration.Server.Tests.Infrastructure;

namespace Orchestration.Server.Tests.Plans;

/// <summary>The whole review loop over HTTP, offline: plan → edit (a rejected cycle) → approve → tasks with waves → coverage.</summary>
public sealed class PlanningFlowTests(PlanningApp fixture) : IClassFixture<PlanningApp>
{
    private const string Requirements = "Parse a CSV file.\n\nValidate its header.\n\nWrite JSON out.";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private OrchestrationApp App => fixture.App;

    [Fact]
    public async Task Plan_edit_with_a_rejected_cycle_approve_and_see_tasks_with_waves_and_coverage()
    {
        var client = (await App.CreateUserAsync()).Client;
        var projectId = await PlanningApp.CreateProjectAsync(client, Requirements);

        var planned = await PlanningApp.PlannedAsync(client, projectId);
        var planId = planned.GetProperty("plan_id").GetString()!;
        Assert.Equal(planId, planned.GetProperty("id").GetString());
        Assert.Equal(1, planned.GetProperty("version").GetInt32());
        Assert.Equal("draft", planned.GetProperty("status").GetString());
        Assert.Equal("claude-sonnet-4-6", planned.GetProperty("model_used").GetString());
        Assert.True(planned.GetProperty("prompt_tokens").GetInt64() > 0);
        Assert.True(planned.GetProperty("completion_tokens").GetInt64() > 0);
        Assert.True(planned.GetProperty("cost_usd").GetDouble() > 0);
        var plan = planned.GetProperty("plan");
        Assert.True(plan.GetProperty("phases").GetArrayLength() > 0);
        Assert.Equal(JsonValueKind.Array, plan.GetProperty("open_questions").ValueKind);
        var forecast = planned.GetProperty("forecast");
        var taskCount = plan.GetProperty("phases").EnumerateArray().Sum(p => p.GetProperty("tasks").GetArrayLength());
        Assert.Equal(taskCount, forecast.GetProperty("tasks").GetArrayLength());
        Assert.True(forecast.GetProperty("total_usd_high").GetDouble() >= forecast.GetProperty("total_usd_low").GetDouble());
        var firstForecast = forecast.GetProperty("tasks")[0];
        foreach (var field in new[] { "index", "model_tier", "model", "est_cost_usd_low", "est_cost_usd_high" })
        {
            Assert.True(firstForecast.TryGetProperty(field, out _), field);
        }
        var project = await (await client.GetAsync($"/api/projects/{projectId}", Ct)).ReadJsonAsync();
        Assert.Equal("draft", project.GetProperty("status").GetString());

        // A cycle from the first task to the last and back is refused, naming both.
        var cyclic = JsonNode.Parse(plan.GetRawText())!.AsObject();
        var tasks = cyclic["phases"]!.AsArray().SelectMany(p => p!["tasks"]!.AsArray()).ToList();
        tasks[0]!["depends_on"] = new JsonArray(tasks.Count - 1);
        var problem = await (await client.PatchJsonAsync($"/api/projects/{projectId}/plans/{planId}", new { plan = cyclic }))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "cycle");
        var cycleErrors = problem.GetProperty("errors").GetProperty("depends_on")[0].GetString()!;
        Assert.Contains($"'{tasks[0]!["title"]}'", cycleErrors, StringComparison.Ordinal);
        Assert.Contains($"'{tasks[^1]!["title"]}'", cycleErrors, StringComparison.Ordinal);

        // A real edit: rename a task and pin its tier; the forecast follows.
        var edited = JsonNode.Parse(plan.GetRawText())!.AsObject();
        var editedTasks = edited["phases"]!.AsArray().SelectMany(p => p!["tasks"]!.AsArray()).ToList();
        editedTasks[1]!["title"] = "Parse the CSV carefully";
        editedTasks[1]!["model_tier"] = "opus";
        var afterEdit = await (await client.PatchJsonAsync($"/api/projects/{projectId}/plans/{planId}", new { plan = edited })).ReadJsonAsync();
        Assert.Equal("opus", afterEdit.GetProperty("forecast").GetProperty("tasks")[1].GetProperty("model_tier").GetString());
        Assert.True(afterEdit.GetProperty("forecast").GetProperty("total_usd_low").GetDouble() > forecast.GetProperty("total_usd_low").GetDouble());

        var approval = await (await PlanningApp.ApproveAsync(client, projectId, planId)).ReadJsonAsync();
        Assert.True(approval.GetProperty("ok").GetBoolean());
        Assert.Equal(taskCount, approval.GetProperty("tasks_created").GetInt32());
        Assert.Equal(taskCount, approval.GetProperty("task_ids").GetArrayLength());
        Assert.True(approval.GetProperty("total_waves").GetInt32() >= 2);
        Assert.True(approval.GetProperty("estimated_cost_usd").GetDouble() > 0);
        Assert.Equal(plan.GetProperty("summary").GetString(), approval.GetProperty("summary").GetString());
        project = await (await client.GetAsync($"/api/projects/{projectId}", Ct)).ReadJsonAsync();
        Assert.Equal("ready", project.GetProperty("status").GetString());

        var listResponse = await client.GetAsync($"/api/tasks/project/{projectId}", Ct);
        var list = await listResponse.ReadJsonAsync();
        Assert.Equal(taskCount.ToString(System.Globalization.CultureInfo.InvariantCulture), listResponse.Headers.GetValues("X-Total-Count").Single());
        var byId = list.EnumerateArray().ToDictionary(t => t.GetProperty("id").GetString()!);
        foreach (var task in byId.Values)
        {
            Assert.Equal("pending", task.GetProperty("status").GetString());
            var wave = task.GetProperty("wave").GetInt32();
            Assert.All(task.GetProperty("depends_on").EnumerateArray(), d => Assert.True(byId[d.GetString()!].GetProperty("wave").GetInt32() < wave));
        }
        var renamed = byId.Values.Single(t => t.GetProperty("title").GetString() == "Parse the CSV carefully");
        Assert.Equal("opus", renamed.GetProperty("model_tier").GetString());
        Assert.Equal("Build", renamed.GetProperty("phase").GetString());

        var coverage = await (await client.GetAsync($"/api/projects/{projectId}/coverage", Ct)).ReadJsonAsync();
        Assert.Equal(projectId, coverage.GetProperty("project_id").GetString());
        Assert.Equal(3, coverage.GetProperty("total_requirements").GetInt32());
        Assert.Equal(3, coverage.GetProperty("covered_count").GetInt32());
        Assert.Equal(0, coverage.GetProperty("uncovered_count").GetInt32());
        var first = coverage.GetProperty("requirements")[0];
        Assert.Equal("R1", first.GetProperty("id").GetString());
        Assert.Equal("Parse a CSV file.", first.GetProperty("text").GetString());
        Assert.True(first.GetProperty("covered").GetBoolean());
        Assert.False(first.GetProperty("completed").GetBoolean());
        Assert.All(first.GetProperty("task_ids").EnumerateArray(), id => Assert.True(byId.ContainsKey(id.GetString()!)));
    }

    [Theory]
    [InlineData("L1")]
    [InlineData("L2")]
    [InlineData("L3")]
    public async Task Every_rigor_gets_its_shape(string rigor)
    {
        var client = (await App.CreateUserAsync()).Client;
        var projectId = await PlanningApp.CreateProjectAsync(client, Requirements, rigor);
        var plan = (await PlanningApp.PlannedAsync(client, projectId)).GetProperty("plan");
        Assert.Equal(rigor == "L1", plan.TryGetProperty("tasks", out _));
        Assert.Equal(rigor != "L1", plan.TryGetProperty("phases", out _) && plan.TryGetProperty("open_questions", out _));
        Assert.Equal(rigor == "L3", plan.TryGetProperty("risk_assessment", out _) && plan.TryGetProperty("test_strategy", out _));
    }

    [Fact]
    public async Task Action_posts_accept_an_empty_json_object_and_each_plan_call_is_a_new_version()
    {
        var client = (await App.CreateUserAsync()).Client;
        var projectId = await PlanningApp.CreateProjectAsync(client, Requirements, "L1");
        var first = await PlanningApp.PlannedAsync(client, projectId);
        var second = await (await client.PostJsonAsync($"/api/projects/{projectId}/plan", new { })).ReadJsonAsync();
        Assert.Equal(2, second.GetProperty("version").GetInt32());

        var plans = await (await client.GetAsync($"/api/projects/{projectId}/plans", Ct)).ReadJsonAsync();
        Assert.Equal([2, 1], plans.EnumerateArray().Select(p => p.GetProperty("version").GetInt32()));
        foreach (var field in new[] { "id", "version", "status", "created_at", "model_used", "cost_usd", "plan", "forecast" })
        {
            Assert.True(plans[0].TryGetProperty(field, out _), field);
        }
        Assert.Equal(JsonValueKind.Number, plans[0].GetProperty("created_at").ValueKind);

        var approved = await (await client.PostJsonAsync($"/api/projects/{projectId}/plans/{first.GetProperty("id").GetString()}/approve", new { })).ReadJsonAsync();
        Assert.True(approved.GetProperty("ok").GetBoolean());
        plans = await (await client.GetAsync($"/api/projects/{projectId}/plans", Ct)).ReadJsonAsync();
        Assert.Equal(["superseded", "approved"], plans.EnumerateArray().Select(p => p.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Re_planning_and_approving_again_replaces_the_unexecuted_tasks()
    {
        var client = (await App.CreateUserAsync()).Client;
        var projectId = await PlanningApp.CreateProjectAsync(client, Requirements, "L1");
        var v1 = await PlanningApp.PlannedAsync(client, projectId);
        var firstTasks = (await (await PlanningApp.ApproveAsync(client, projectId, v1.GetProperty("id").GetString()!)).ReadJsonAsync()).GetProperty("tasks_created").GetInt32();

        var v2 = await PlanningApp.PlannedAsync(client, projectId);
        Assert.Equal("draft", (await (await client.GetAsync($"/api/projects/{projectId}", Ct)).ReadJsonAsync()).GetProperty("status").GetString());
        var approval = await (await PlanningApp.ApproveAsync(client, projectId, v2.GetProperty("id").GetString()!)).ReadJsonAsync();

        Assert.Equal(firstTasks, approval.GetProperty("replaced_tasks").GetInt32());
        var tasks = await (await client.GetAsync($"/api/tasks/project/{projectId}", Ct)).ReadJsonAsync();
        Assert.Equal(approval.GetProperty("tasks_created").GetInt32(), tasks.GetArrayLength());
        Assert.All(tasks.EnumerateArray(), t => Assert.Equal(v2.GetProperty("id").GetString(), t.GetProperty("plan_id").GetString()));
    }

    [Fact]
    public async Task An_approved_or_superseded_plan_is_a_conflict()
    {
        var client = (await App.CreateUserAsync()).Client;
        var projectId = await PlanningApp.CreateProjectAsync(client, Requirements, "L1");
        var v1 = (await PlanningApp.PlannedAsync(client, projectId)).GetProperty("id").GetString()!;
        var v2 = (await PlanningApp.PlannedAsync(client, projectId)).GetProperty("id").GetString()!;
        await (await PlanningApp.ApproveAsync(client, projectId, v2)).ReadJsonAsync();

        await (await PlanningApp.ApproveAsync(client, projectId, v2)).AssertProblemAsync(HttpStatusCode.Conflict, "approved");
        await (await PlanningApp.ApproveAsync(client, projectId, v1)).AssertProblemAsync(HttpStatusCode.Conflict, "superseded");
        var plan = (await (await client.GetAsync($"/api/projects/{projectId}/plans/{v2}", Ct)).ReadJsonAsync()).GetProperty("plan");
        await (await client.PatchJsonAsync($"/api/projects/{projectId}/plans/{v2}", new { plan = JsonNode.Parse(plan.GetRawText()) }))
            .AssertProblemAsync(HttpStatusCode.Conflict, "only a draft");
    }

    [Fact]
    public async Task A_prose_answer_is_repaired_by_asking_again()
    {
        var client = (await App.CreateUserAsync()).Client;
        var projectId = await PlanningApp.CreateProjectAsync(client, "Write a haiku [sim:bad-json].\n\nTranslate it to French.", "L1");
        var planned = await PlanningApp.PlannedAsync(client, projectId);
        Assert.Equal(2, planned.GetProperty("requirements").GetArrayLength());
        Assert.True(planned.GetProperty("plan").GetProperty("tasks").GetArrayLength() > 0);
    }
}
