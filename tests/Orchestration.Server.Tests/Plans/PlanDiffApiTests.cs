using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestration.Server.Tests.Infrastructure;

namespace Orchestration.Server.Tests.Plans;

/// <summary>GET /plans/{a}/diff/{b} on versions made by planning twice and editing the second draft.</summary>
public sealed class PlanDiffApiTests(PlanningApp fixture) : IClassFixture<PlanningApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_plannings_of_the_same_requirements_diff_empty_and_an_edit_shows_up_field_by_field()
    {
        var client = (await fixture.App.CreateUserAsync()).Client;
        var projectId = await PlanningApp.CreateProjectAsync(client, "Parse a CSV file.\n\nValidate its header.\n\nWrite JSON out.", "L1");
        var first = await PlanningApp.PlannedAsync(client, projectId);
        var second = await PlanningApp.PlannedAsync(client, projectId);
        var (firstId, secondId) = (first.GetProperty("id").GetString()!, second.GetProperty("id").GetString()!);

        var same = await (await client.GetAsync($"/api/projects/{projectId}/plans/1/diff/2", Ct)).ReadJsonAsync();
        Assert.True(same.GetProperty("identical").GetBoolean());
        Assert.Equal(0, same.GetProperty("tasks").GetProperty("added").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, same.GetProperty("summary").ValueKind);
        Assert.Equal((firstId, 1, "draft"), (same.GetProperty("from").GetProperty("id").GetString(),
            same.GetProperty("from").GetProperty("version").GetInt32(), same.GetProperty("from").GetProperty("status").GetString()));

        // Edit version 2: a task becomes complex and moves to opus, no task covers its requirement any more, a task is added.
        var plan = JsonNode.Parse(second.GetProperty("plan").GetRawText())!;
        var tasks = plan["tasks"]!.AsArray();
        var changedTitle = tasks[1]!["title"]!.GetValue<string>();
        var uncovered = tasks[1]!["requirement_ids"]!.AsArray()[0]!.GetValue<string>();
        tasks[1]!["complexity"] = "complex";
        tasks[1]!["model_tier"] = "opus";
        foreach (var task in tasks)
        {
            task!["requirement_ids"] = new JsonArray([.. task["requirement_ids"]!.AsArray().Select(r => r!.GetValue<string>())
                .Where(r => r != uncovered).Select(r => (JsonNode)r)]);
        }
        tasks.Add(new JsonObject
        {
            ["title"] = "Benchmark the parser", ["description"] = "Time it on a large file", ["task_type"] = "analysis",
            ["complexity"] = "medium", ["depends_on"] = new JsonArray(1),
        });
        await (await client.PatchJsonAsync($"/api/projects/{projectId}/plans/{secondId}", new { plan })).ReadJsonAsync();

        var diff = await (await client.GetAsync($"/api/projects/{projectId}/plans/{firstId}/diff/v2", Ct)).ReadJsonAsync();
        Assert.False(diff.GetProperty("identical").GetBoolean());
        var added = Assert.Single(diff.GetProperty("tasks").GetProperty("added").EnumerateArray());
        Assert.Equal("Benchmark the parser", added.GetProperty("title").GetString());
        Assert.Equal([changedTitle], added.GetProperty("depends_on").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(0, diff.GetProperty("tasks").GetProperty("removed").GetArrayLength());
        var allChanged = diff.GetProperty("tasks").GetProperty("changed").EnumerateArray().ToList();
        var changed = allChanged.Single(c => c.GetProperty("title").GetString() == changedTitle);
        Assert.Equal(("title", 1, 1), (changed.GetProperty("matched_by").GetString(), changed.GetProperty("before_index").GetInt32(),
            changed.GetProperty("after_index").GetInt32()));
        // The other tasks that listed the requirement changed only in that.
        Assert.All(allChanged.Where(c => c.GetProperty("title").GetString() != changedTitle),
            c => Assert.Equal("requirement_ids", Assert.Single(c.GetProperty("changes").EnumerateArray()).GetProperty("field").GetString()));
        Assert.Equal(5 - allChanged.Count, diff.GetProperty("tasks").GetProperty("unchanged_count").GetInt32());
        var fields = changed.GetProperty("changes").EnumerateArray().ToDictionary(c => c.GetProperty("field").GetString()!);
        Assert.Equal(["complexity", "model_tier", "requirement_ids"], fields.Keys);
        Assert.Equal("complex", fields["complexity"].GetProperty("after").GetString());
        Assert.Equal(JsonValueKind.Null, fields["model_tier"].GetProperty("before").ValueKind);
        Assert.Equal([uncovered], fields["requirement_ids"].GetProperty("before").EnumerateArray().Select(r => r.GetString()));

        var coverage = diff.GetProperty("coverage");
        Assert.Equal([uncovered], coverage.GetProperty("newly_uncovered").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(3, coverage.GetProperty("before").GetProperty("covered_count").GetInt32());
        Assert.Equal(2, coverage.GetProperty("after").GetProperty("covered_count").GetInt32());

        var forecast = diff.GetProperty("forecast");
        var (before, after) = (forecast.GetProperty("before"), forecast.GetProperty("after"));
        Assert.Equal(first.GetProperty("forecast").GetProperty("total_usd_high").GetDecimal(), before.GetProperty("total_usd_high").GetDecimal());
        Assert.True(after.GetProperty("total_usd_high").GetDecimal() > before.GetProperty("total_usd_high").GetDecimal());
        Assert.True(after.GetProperty("prompt_tokens_high").GetInt64() > before.GetProperty("prompt_tokens_high").GetInt64());
        Assert.Equal(after.GetProperty("total_usd_expected").GetDecimal() - before.GetProperty("total_usd_expected").GetDecimal(),
            forecast.GetProperty("delta").GetProperty("total_usd_expected").GetDecimal());

        // Backwards, the added task is a removed one; and GET /plans/{version} names the same plan as its id.
        var back = await (await client.GetAsync($"/api/projects/{projectId}/plans/2/diff/1", Ct)).ReadJsonAsync();
        Assert.Equal("Benchmark the parser", Assert.Single(back.GetProperty("tasks").GetProperty("removed").EnumerateArray()).GetProperty("title").GetString());
        var byVersion = await (await client.GetAsync($"/api/projects/{projectId}/plans/v2", Ct)).ReadJsonAsync();
        Assert.Equal(secondId, byVersion.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Unknown_malformed_and_other_users_plans_are_refused_with_problems()
    {
        var owner = (await fixture.App.CreateUserAsync()).Client;
        var other = (await fixture.App.CreateUserAsync()).Client;
        var projectId = await PlanningApp.CreateProjectAsync(owner, "One.\n\nTwo.", "L1");
        var planId = (await PlanningApp.PlannedAsync(owner, projectId)).GetProperty("id").GetString()!;

        await (await owner.GetAsync($"/api/projects/{projectId}/plans/1/diff/1", Ct)).ReadJsonAsync();
        await (await other.GetAsync($"/api/projects/{projectId}/plans/1/diff/1", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await other.GetAsync($"/api/projects/{projectId}/plans/{planId}/diff/{planId}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await other.GetAsync($"/api/projects/{projectId}/plans/v1", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await owner.GetAsync($"/api/projects/{projectId}/plans/1/diff/7", Ct)).AssertProblemAsync(HttpStatusCode.NotFound, "Plan v7");
        await (await owner.GetAsync($"/api/projects/{projectId}/plans/{new string('a', 32)}/diff/1", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await owner.GetAsync($"/api/projects/{new string('b', 32)}/plans/1/diff/1", Ct)).AssertProblemAsync(HttpStatusCode.NotFound, "project");
        var bad = await (await owner.GetAsync($"/api/projects/{projectId}/plans/latest/diff/0", Ct)).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("'latest' is not a plan id", bad.GetProperty("detail").GetString());
        Assert.Contains("'0' is not", bad.GetProperty("detail").GetString());
    }
}
