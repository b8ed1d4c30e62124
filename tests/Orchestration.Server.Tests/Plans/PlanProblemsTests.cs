using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.Server.Tests.Infrastructure;

namespace Orchestration.Server.Tests.Plans;

/// <summary>Bad plans and bad requests: always a problem (or a repaired plan), never a 500, never a half-written graph.</summary>
public sealed class PlanProblemsTests(PlanningApp fixture) : IClassFixture<PlanningApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private OrchestrationApp App => fixture.App;

    private static string Corpus(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "PlanCorpus", name));

    private async Task<(HttpClient Client, string ProjectId, string PlanId)> DraftAsync()
    {
        var client = (await App.CreateUserAsync()).Client;
        var projectId = await PlanningApp.CreateProjectAsync(client, "One.\n\nTwo.\n\nThree.", "L1");
        var planId = (await PlanningApp.PlannedAsync(client, projectId)).GetProperty("id").GetString()!;
        return (client, projectId, planId);
    }

    private async Task<long> CountAsync(string sql, object args)
    {
        await using var c = await App.OpenDatabaseAsync(Ct);
        return await c.ExecuteScalarAsync<long>(sql, args);
    }

    public static TheoryData<string, HttpStatusCode, string> CorpusEdits => new()
    {
        { "wrong_types.json", HttpStatusCode.UnprocessableEntity, "summary" },
        { "index_out_of_range.json", HttpStatusCode.UnprocessableEntity, "does not exist" },
        { "cycle_across_phases.json", HttpStatusCode.UnprocessableEntity, "cycle" },
        { "self_dependency.json", HttpStatusCode.UnprocessableEntity, "itself" },
        { "duplicate_titles.json", HttpStatusCode.UnprocessableEntity, "unique" },
        { "both_tasks_and_phases.json", HttpStatusCode.UnprocessableEntity, "not both" },
        { "prose_only.txt", HttpStatusCode.BadRequest, "JSON" },
        { "truncated.txt", HttpStatusCode.BadRequest, "JSON" },
        { "valid_l3.json", HttpStatusCode.OK, "" },
        { "unknown_task_type.json", HttpStatusCode.OK, "" },
    };

    [Theory]
    [MemberData(nameof(CorpusEdits))]
    public async Task Corpus_plans_as_edits_are_stored_or_refused_whole(string name, HttpStatusCode status, string detail)
    {
        var (client, projectId, planId) = await DraftAsync();
        var before = (await (await client.GetAsync($"/api/projects/{projectId}/plans/{planId}", Ct)).ReadJsonAsync()).GetProperty("plan").GetRawText();
        var text = Corpus(name);
        var body = name.EndsWith(".json", StringComparison.Ordinal)
            ? new JsonObject { ["plan"] = JsonNode.Parse(text) }.ToJsonString()
            : text;
        // The corpus cites R1–R3 only where this project has them.
        var response = await client.SendRawAsync(HttpMethod.Patch, $"/api/projects/{projectId}/plans/{planId}", body);

        if (status == HttpStatusCode.OK)
        {
            await response.ReadJsonAsync();
            return;
        }
        var problem = await response.AssertProblemAsync(status, detail);
        if (status == HttpStatusCode.UnprocessableEntity)
        {
            Assert.True(problem.GetProperty("errors").EnumerateObject().Any());
        }
        var after = (await (await client.GetAsync($"/api/projects/{projectId}/plans/{planId}", Ct)).ReadJsonAsync()).GetProperty("plan").GetRawText();
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task A_huge_plan_is_refused_with_the_limit_and_writes_nothing()
    {
        var (client, projectId, planId) = await DraftAsync();
        var tasks = new JsonArray(Enumerable.Range(0, 201).Select(i => (JsonNode?)new JsonObject
        {
            ["title"] = $"Task {i}", ["description"] = "d", ["task_type"] = "code", ["complexity"] = "simple",
            ["depends_on"] = i == 0 ? new JsonArray() : new JsonArray(i - 1),
        }).ToArray());
        var response = await client.PatchJsonAsync($"/api/projects/{projectId}/plans/{planId}", new { plan = new JsonObject { ["summary"] = "huge", ["tasks"] = tasks } });
        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "at most 200");
        var approval = await (await PlanningApp.ApproveAsync(client, projectId, planId)).ReadJsonAsync();
        Assert.Equal(approval.GetProperty("tasks_created").GetInt32(), await CountAsync("SELECT COUNT(*) FROM tasks WHERE project_id = @projectId", new { projectId }));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"plan": "not a plan"}""")]
    [InlineData("""{"plan": null}""")]
    public async Task An_edit_without_a_plan_object_is_a_validation_problem(string body)
    {
        var (client, projectId, planId) = await DraftAsync();
        var problem = await (await client.SendRawAsync(HttpMethod.Patch, $"/api/projects/{projectId}/plans/{planId}", body))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.GetProperty("errors").TryGetProperty("plan", out _));
    }

    [Fact]
    public async Task A_bare_plan_object_is_accepted_as_the_edit()
    {
        var (client, projectId, planId) = await DraftAsync();
        var edited = await (await client.SendRawAsync(HttpMethod.Patch, $"/api/projects/{projectId}/plans/{planId}", Corpus("valid_l1.json"))).ReadJsonAsync();
        Assert.Equal(3, edited.GetProperty("plan").GetProperty("tasks").GetArrayLength());
    }

    [Fact]
    public async Task Unknown_plans_and_projects_are_404()
    {
        var (client, projectId, _) = await DraftAsync();
        await (await client.GetAsync($"/api/projects/{projectId}/plans/nope", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await PlanningApp.ApproveAsync(client, projectId, "nope")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await PlanningApp.PlanAsync(client, "nope")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync("/api/projects/nope/plans", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync("/api/projects/nope/coverage", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("""{"plan": {"summary": "s", "summary": "t", "tasks": []}}""", "plan", "repeats a key")]
    [InlineData("""{"plan": {"summary": "s"}, "plan": {"summary": "t"}}""", "plan", "repeats a key")]
    [InlineData("""{"plan": {"summary": "s\ud800", "tasks": []}}""", "plan.summary", "surrogate")]
    [InlineData("""{"summary": "s", "tasks": [{"title": "A\u0000", "description": "", "task_type": "code", "complexity": "simple"}]}""", "tasks[0].title", "NUL")]
    public async Task An_edit_whose_text_cannot_be_read_or_stored_is_a_validation_problem_and_writes_nothing(string body, string path, string problem)
    {
        // Found by PlanEditPropertyTests: repeated keys and escaped lone surrogates were 500s; NUL was stored and made
        // approval a 500 on PostgreSQL.
        var (client, projectId, planId) = await DraftAsync();
        var before = (await (await client.GetAsync($"/api/projects/{projectId}/plans/{planId}", Ct)).ReadJsonAsync()).GetProperty("plan").GetRawText();
        var response = await client.SendRawAsync(HttpMethod.Patch, $"/api/projects/{projectId}/plans/{planId}", body);
        var errors = (await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("errors");
        Assert.Contains(problem, errors.GetProperty(path)[0].GetString(), StringComparison.Ordinal);
        var after = (await (await client.GetAsync($"/api/projects/{projectId}/plans/{planId}", Ct)).ReadJsonAsync()).GetProperty("plan").GetRawText();
        Assert.Equal(before, after);
    }
}
