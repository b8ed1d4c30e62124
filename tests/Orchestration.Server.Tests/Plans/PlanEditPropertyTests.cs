using System.Net;
using System.Text.Json;
using CsCheck;
using Orchestration.Core.Tests;
using Orchestration.Core.Tests.Planning;
using Orchestration.Server.Tests.Infrastructure;

namespace Orchestration.Server.Tests.Plans;

/// <summary>
/// Plan edits over HTTP with the generated plans of the Core property tests (<see cref="PlanGen"/>: valid, mutated, and
/// with damaged text), each sent to the draft of a fresh copy of an approved project: never a 5xx; a refusal is a problem
/// (422 with its errors, or 400 for a body that is not JSON) and leaves the stored plan as it was; an accepted plan is
/// stored as answered, and approving it creates exactly its tasks with exactly its dependencies. Each case is about six
/// requests, so 60 cases; ORCH_PROPERTY_ITERATIONS (see <see cref="PropertyIterations"/>) sets the count for a nightly run.
/// </summary>
public sealed class PlanEditPropertyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A case and how its body is sent: the plan bare, or under "plan" (as docs/api.md writes it).</summary>
    internal sealed record Edit(PlanGen.Case Case, bool Bare)
    {
        public string Body()
        {
            var json = Case.Json().ToJsonString(PlanGen.Wide);
            return Case.Damage.Aggregate(Bare ? json : $$"""{"plan": {{json}}}""", PlanGen.Apply);
        }

        public override string ToString() => $"{(Bare ? "bare" : "under plan")}, {Case}";
    }

    // Half the plans unmutated and three in four with their text whole, so that many edits are accepted and approved.
    private static readonly Gen<Edit> Edits = Gen.Select(
        PlanGen.Plan(12),
        Gen.Frequency((1, Gen.Const(Array.Empty<PlanGen.Mutation>())), (1, PlanGen.AnyMutation.Array[1, 2])),
        Gen.Frequency((3, Gen.Const(Array.Empty<PlanGen.TextDamage>())), (1, PlanGen.AnyDamage.Array[1])),
        Gen.Bool,
        (plan, mutations, damage, bare) => new Edit(new PlanGen.Case(plan, mutations, damage), bare));

    [Fact]
    public async Task An_edit_is_stored_or_refused_whole_and_approval_creates_exactly_its_graph()
    {
        // No budget cap in the way: approval of every accepted plan is what is under test.
        await using var app = await OrchestrationApp.StartAsync("""{ "budget": { "per_project_limit_usd": 1000000 } }""");
        var client = (await app.CreateUserAsync()).Client;
        var template = await PlanningApp.CreateProjectAsync(client, "One.\n\nTwo.\n\nThree.", "L1");
        var planned = await PlanningApp.PlannedAsync(client, template);
        await (await PlanningApp.ApproveAsync(client, template, planned.GetProperty("id").GetString()!)).ReadJsonAsync();

        await Edits.SampleAsync(edit => CheckAsync(client, template, edit), iter: PropertyIterations.Or(60), print: e => e.ToString());
    }

    private static async Task CheckAsync(HttpClient client, string template, Edit edit)
    {
        // A clone holds the template's approved plan as its draft, and no tasks.
        var project = (await (await client.PostAsync($"/api/projects/{template}/clone", null, Ct)).ReadJsonAsync(HttpStatusCode.Created))
            .GetProperty("id").GetString()!;
        var draft = Assert.Single((await (await client.GetAsync($"/api/projects/{project}/plans", Ct)).ReadJsonAsync()).EnumerateArray());
        var planId = draft.GetProperty("id").GetString()!;
        var url = $"/api/projects/{project}/plans/{planId}";

        var response = await client.SendRawAsync(HttpMethod.Patch, url, edit.Body());
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode}: {text}");

        var stored = await (await client.GetAsync(url, Ct)).ReadJsonAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            Assert.True(response.StatusCode is HttpStatusCode.UnprocessableEntity or HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = JsonDocument.Parse(text).RootElement;
            Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()), text);
            if (response.StatusCode == HttpStatusCode.UnprocessableEntity)
            {
                Assert.True(problem.GetProperty("errors").EnumerateObject().Any(), text);
            }
            Assert.Equal(draft.GetProperty("plan").GetRawText(), stored.GetProperty("plan").GetRawText());
            Assert.Equal("draft", stored.GetProperty("status").GetString());
            return;
        }

        var plan = JsonDocument.Parse(text).RootElement.GetProperty("plan");
        Assert.Equal(plan.GetRawText(), stored.GetProperty("plan").GetRawText());
        var tasks = AllTasks(plan);

        var approval = await (await PlanningApp.ApproveAsync(client, project, planId)).ReadJsonAsync();
        Assert.Equal(tasks.Count, approval.GetProperty("tasks_created").GetInt32());
        var created = (await (await client.GetAsync($"/api/tasks/project/{project}", Ct)).ReadJsonAsync()).EnumerateArray().ToList();
        Assert.Equal(tasks.Count, created.Count);
        var indexOf = created.ToDictionary(t => t.GetProperty("id").GetString()!, t => t.GetProperty("task_index").GetInt32());
        Assert.Equal(Enumerable.Range(0, tasks.Count), indexOf.Values.Order());
        foreach (var task in created)
        {
            var index = task.GetProperty("task_index").GetInt32();
            Assert.Equal(tasks[index].GetProperty("title").GetString(), task.GetProperty("title").GetString());
            Assert.Equal(planId, task.GetProperty("plan_id").GetString());
            var expected = tasks[index].GetProperty("depends_on").EnumerateArray().Select(d => d.GetInt32()).Order();
            var actual = task.GetProperty("depends_on").EnumerateArray().Select(d => indexOf[d.GetString()!]).Order();
            Assert.Equal(expected, actual);
        }
    }

    /// <summary>The tasks of a plan as the API answers it, in global index order (flat, or phase after phase).</summary>
    private static List<JsonElement> AllTasks(JsonElement plan) =>
        plan.TryGetProperty("phases", out var phases)
            ? phases.EnumerateArray().SelectMany(p => p.GetProperty("tasks").EnumerateArray()).ToList()
            : plan.GetProperty("tasks").EnumerateArray().ToList();
}
