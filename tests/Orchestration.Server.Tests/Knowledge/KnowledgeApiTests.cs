using System.Net;
using System.Text.Json;
using Orchestration.Server.Tests.Execution;
using Orchestration.Server.Tests.Infrastructure;

namespace Orchestration.Server.Tests.Knowledge;

/// <summary>A person's findings and reviews over HTTP: shapes, ownership, validation and conflicts.</summary>
public sealed class KnowledgeApiTests(OrchestrationApp app) : IClassFixture<OrchestrationApp>
{
    private async Task<(HttpClient Client, string UserId, string Project)> ProjectAsync()
    {
        var user = await app.CreateUserAsync();
        var (project, _) = await ExecutionSeed.ReadyProjectAsync(app, user.Client, []);
        return (user.Client, user.Id, project);
    }

    private static async Task<JsonElement> AddAsync(HttpClient client, string project, object body) =>
        await (await client.PostJsonAsync($"/api/projects/{project}/knowledge", body)).ReadJsonAsync(HttpStatusCode.Created);

    [Fact]
    public async Task A_person_adds_a_finding_that_is_accepted_at_once_and_edits_keep_its_source()
    {
        var (client, userId, project) = await ProjectAsync();

        var added = await AddAsync(client, project, new { content = "  All times are UTC.  ", category = "constraint" });

        Assert.Equal(("All times are UTC.", "constraint", "person", userId, "accepted"), (added.GetProperty("content").GetString(),
            added.GetProperty("category").GetString(), added.GetProperty("source").GetString(), added.GetProperty("added_by").GetString(),
            added.GetProperty("status").GetString()));
        Assert.Equal(JsonValueKind.Null, added.GetProperty("task_id").ValueKind);
        var id = added.GetProperty("id").GetString()!;
        Assert.Equal("discovery", (await AddAsync(client, project, new { content = "Logs go to stdout." })).GetProperty("category").GetString());
        var listed = (await (await client.GetAsync($"/api/projects/{project}/knowledge?source=person&status=accepted")).ReadJsonAsync()).EnumerateArray().ToList();
        Assert.Equal(2, listed.Count);

        var rejected = await (await client.PostAsync($"/api/knowledge/{id}/reject", null)).ReadJsonAsync();
        Assert.Equal("rejected", rejected.GetProperty("status").GetString());
        await (await client.PostAsync($"/api/knowledge/{id}/reject", null)).AssertProblemAsync(HttpStatusCode.Conflict, "cannot go from 'rejected' to 'rejected'");

        // An edit is the person's own words: the finding is accepted again, keeps its source and records the editor.
        var edited = await (await client.PatchJsonAsync($"/api/knowledge/{id}", new { content = "All timestamps are UTC epoch seconds.", category = "decision" })).ReadJsonAsync();
        Assert.Equal(("All timestamps are UTC epoch seconds.", "decision", "accepted", "person", userId), (edited.GetProperty("content").GetString(),
            edited.GetProperty("category").GetString(), edited.GetProperty("status").GetString(), edited.GetProperty("source").GetString(),
            edited.GetProperty("edited_by").GetString()));
        Assert.True(edited.GetProperty("edited_at").GetDouble() > 1.7e9);
        await (await client.PostAsync($"/api/knowledge/{id}/accept", null)).AssertProblemAsync(HttpStatusCode.Conflict, "cannot go from 'accepted' to 'accepted'");
    }

    [Fact]
    public async Task Another_users_findings_are_not_found()
    {
        var (client, _, project) = await ProjectAsync();
        var stranger = await app.CreateClientForNewUserAsync();
        var id = (await AddAsync(client, project, new { content = "Amounts are integer cents." })).GetProperty("id").GetString();

        await (await stranger.GetAsync($"/api/projects/{project}/knowledge")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.PostJsonAsync($"/api/projects/{project}/knowledge", new { content = "Mine now." })).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.PostAsync($"/api/knowledge/{id}/accept", null)).AssertProblemAsync(HttpStatusCode.NotFound, "finding");
        await (await stranger.PostAsync($"/api/knowledge/{id}/reject", null)).AssertProblemAsync(HttpStatusCode.NotFound, "finding");
        await (await stranger.PatchJsonAsync($"/api/knowledge/{id}", new { content = "Changed." })).AssertProblemAsync(HttpStatusCode.NotFound, "finding");
        await (await stranger.DeleteAsync($"/api/projects/{project}/knowledge/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await client.PostAsync("/api/knowledge/no-such-finding/accept", null)).AssertProblemAsync(HttpStatusCode.NotFound, "finding");

        var mine = Assert.Single((await (await client.GetAsync($"/api/projects/{project}/knowledge")).ReadJsonAsync()).EnumerateArray());
        Assert.Equal(("Amounts are integer cents.", "accepted"), (mine.GetProperty("content").GetString(), mine.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Bad_input_is_a_problem_that_names_the_field()
    {
        var (client, _, project) = await ProjectAsync();
        var id = (await AddAsync(client, project, new { content = "Amounts are integer cents." })).GetProperty("id").GetString();
        var list = $"/api/projects/{project}/knowledge";

        Assert.True((await (await client.GetAsync(list + "?status=pending")).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "status"))
            .GetProperty("errors").TryGetProperty("status", out _));
        await (await client.GetAsync(list + "?source=robot")).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "source");
        await (await client.PostJsonAsync(list, new { content = "" })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "content");
        await (await client.PostJsonAsync(list, new { content = "   " })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "content");
        await (await client.PostJsonAsync(list, new { content = "?!" })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "content");
        await (await client.PostJsonAsync(list, new { category = "decision" })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "content");
        await (await client.PostJsonAsync(list, new { content = new string('x', 2_001) })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "2000");
        await (await client.PostJsonAsync(list, new { content = "A rumour.", category = "rumour" })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "category");
        await (await client.SendRawAsync(HttpMethod.Post, list, "{\"content\": ")).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await client.PostJsonAsync(list, new { content = "amounts are INTEGER cents!" })).AssertProblemAsync(HttpStatusCode.Conflict, id);
        await (await client.PatchJsonAsync($"/api/knowledge/{id}", new { })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "content");
        await (await client.PatchJsonAsync($"/api/knowledge/{id}", new { content = "" })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "content");
        await (await client.PatchJsonAsync($"/api/knowledge/{id}", new { category = "rumour" })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "category");
        var other = (await AddAsync(client, project, new { content = "Logs go to stdout." })).GetProperty("id").GetString();
        await (await client.PatchJsonAsync($"/api/knowledge/{other}", new { content = "Amounts are integer cents" })).AssertProblemAsync(HttpStatusCode.Conflict, id);
    }
}
