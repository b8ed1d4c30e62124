using System.Net;
using System.Text.Json;
using Orchestration.Server.Tests.Infrastructure;

namespace Orchestration.Server.Tests.Projects;

public sealed class ProjectTransferTests(OrchestrationApp app) : IClassFixture<OrchestrationApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string> CompletedProjectAsync(HttpClient client)
    {
        var id = (await (await client.PostJsonAsync("/api/projects",
            new { name = "source", requirements = "Write a haiku.\n\nTranslate it to French.", planning_rigor = "L1" })).ReadJsonAsync(HttpStatusCode.Created))
            .GetProperty("id").GetString()!;
        var plan = await (await client.PostAsync($"/api/projects/{id}/plan", null, Ct)).ReadJsonAsync();
        await (await client.PostAsync($"/api/projects/{id}/plans/{plan.GetProperty("plan_id").GetString()}/approve", null, Ct)).ReadJsonAsync();
        await (await client.PostAsync($"/api/projects/{id}/execute", null, Ct)).ReadJsonAsync();
        for (var i = 0; i < 200; i++)
        {
            var status = (await (await client.GetAsync($"/api/projects/{id}", Ct)).ReadJsonAsync()).GetProperty("status").GetString();
            if (status is "completed" or "failed")
            {
                Assert.Equal("completed", status);
                return id;
            }
            await Task.Delay(50, Ct);
        }
        throw new TimeoutException("The run did not finish.");
    }

    [Fact]
    public async Task An_export_imports_as_a_new_project_with_new_ids_and_the_same_graph()
    {
        var owner = await app.CreateUserAsync();
        var id = await CompletedProjectAsync(owner.Client);
        var export = await owner.Client.GetAsync($"/api/projects/{id}/export", Ct);
        Assert.Equal("attachment", export.Content.Headers.ContentDisposition?.DispositionType ?? export.Headers.GetValues("Content-Disposition").First().Split(';')[0]);
        var document = await export.ReadJsonAsync();
        Assert.Equal("source", document.GetProperty("project").GetProperty("name").GetString());
        Assert.True(document.GetProperty("tasks").GetArrayLength() >= 2);
        Assert.True(document.GetProperty("events").GetArrayLength() > 0);
        Assert.True(document.GetProperty("usage").GetArrayLength() > 0);
        Assert.Equal(JsonValueKind.Object, document.GetProperty("plans")[0].GetProperty("plan_json").ValueKind);

        var other = await app.CreateUserAsync();
        await (await other.Client.GetAsync($"/api/projects/{id}/export", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        var imported = await (await other.Client.PostJsonAsync("/api/projects/import", document)).ReadJsonAsync(HttpStatusCode.Created);
        var newId = imported.GetProperty("id").GetString()!;
        Assert.NotEqual(id, newId);
        Assert.Equal("completed", imported.GetProperty("status").GetString());

        var original = await (await owner.Client.GetAsync($"/api/tasks/project/{id}", Ct)).ReadJsonAsync();
        var copied = await (await other.Client.GetAsync($"/api/tasks/project/{newId}", Ct)).ReadJsonAsync();
        Assert.Equal(original.GetArrayLength(), copied.GetArrayLength());
        var originalIds = original.EnumerateArray().Select(t => t.GetProperty("id").GetString()).ToHashSet();
        var copiedIds = copied.EnumerateArray().Select(t => t.GetProperty("id").GetString()).ToHashSet();
        Assert.Empty(originalIds.Intersect(copiedIds));
        foreach (var task in copied.EnumerateArray())
        {
            Assert.Equal("completed", task.GetProperty("status").GetString());
            Assert.All(task.GetProperty("depends_on").EnumerateArray(), d => Assert.Contains(d.GetString(), copiedIds));
        }
        var history = await (await other.Client.GetAsync($"/api/events/{newId}/history", Ct)).ReadJsonAsync();
        Assert.Equal(document.GetProperty("events").GetArrayLength(), history.GetArrayLength());
        // Spend stays with the original: the importer's usage is untouched.
        var usage = await (await other.Client.GetAsync("/api/usage/summary", Ct)).ReadJsonAsync();
        Assert.Equal(0, usage.GetProperty("api_call_count").GetInt32());
    }

    [Fact]
    public async Task A_clone_is_a_draft_with_the_approved_plan_as_draft_v1_and_no_tasks()
    {
        var owner = await app.CreateUserAsync();
        var id = await CompletedProjectAsync(owner.Client);
        var clone = await (await owner.Client.PostAsync($"/api/projects/{id}/clone", null, Ct)).ReadJsonAsync(HttpStatusCode.Created);
        var cloneId = clone.GetProperty("id").GetString();
        Assert.Equal("source (clone)", clone.GetProperty("name").GetString());
        Assert.Equal("draft", clone.GetProperty("status").GetString());
        var plans = await (await owner.Client.GetAsync($"/api/projects/{cloneId}/plans", Ct)).ReadJsonAsync();
        var plan = Assert.Single(plans.EnumerateArray());
        Assert.Equal(("draft", 1), (plan.GetProperty("status").GetString(), plan.GetProperty("version").GetInt32()));
        Assert.Equal(0, (await (await owner.Client.GetAsync($"/api/tasks/project/{cloneId}", Ct)).ReadJsonAsync()).GetArrayLength());
        var approved = await (await owner.Client.PostAsync($"/api/projects/{cloneId}/plans/{plan.GetProperty("id").GetString()}/approve", null, Ct)).ReadJsonAsync();
        Assert.True(approved.GetProperty("tasks_created").GetInt32() >= 2);

        var other = await app.CreateUserAsync();
        await (await other.Client.PostAsync($"/api/projects/{id}/clone", null, Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("""{"plans":[]}""", "project")]
    [InlineData("""{"project":{"name":"x"}}""", "requirements")]
    [InlineData("""{"project":{"name":"x","requirements":"r","planning_rigor":"L7"}}""", "planning_rigor")]
    [InlineData("""{"project":{"name":"x","requirements":"r"},"tasks":{}}""", "tasks")]
    [InlineData("""{"project":{"name":"x","requirements":"r"},"tasks":[{"id":"t","title":null,"plan_id":"nope"}]}""", "tasks")]
    public async Task Bad_import_documents_are_422_and_write_nothing(string body, string detail)
    {
        var user = await app.CreateUserAsync();
        await (await user.Client.SendRawAsync(HttpMethod.Post, "/api/projects/import", body)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, detail);
        Assert.Equal(0, (await (await user.Client.GetAsync("/api/projects", Ct)).ReadJsonAsync()).GetArrayLength());
    }
}
