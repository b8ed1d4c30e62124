using System.Net;
using System.Text.Json;
using Orchestration.Server.Tests.Infrastructure;

namespace Orchestration.Server.Tests.Projects;

public sealed class ProjectsApiTests(OrchestrationApp app) : IClassFixture<OrchestrationApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_list_get_patch_and_delete_a_project()
    {
        var user = await app.CreateUserAsync();
        var created = await (await user.Client.PostJsonAsync("/api/projects",
            new { name = "hello-world", requirements = "Write a script.\n\nDocument it.", planning_rigor = "L1", config = new { execution_mode = "auto" } }))
            .ReadJsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal("draft", created.GetProperty("status").GetString());
        Assert.Equal("L1", created.GetProperty("planning_rigor").GetString());
        Assert.Equal("auto", created.GetProperty("config").GetProperty("execution_mode").GetString());
        Assert.Equal(JsonValueKind.Number, created.GetProperty("created_at").ValueKind);

        var listResponse = await user.Client.GetAsync("/api/projects", Ct);
        var list = await listResponse.ReadJsonAsync();
        Assert.Equal("1", listResponse.Headers.GetValues("X-Total-Count").Single());
        var item = list.EnumerateArray().Single();
        Assert.Equal(id, item.GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, item.GetProperty("task_summary").ValueKind);

        var patched = await (await user.Client.PatchJsonAsync($"/api/projects/{id}", new { name = "renamed", planning_rigor = "L3" })).ReadJsonAsync();
        Assert.Equal("renamed", patched.GetProperty("name").GetString());
        Assert.Equal("L3", patched.GetProperty("planning_rigor").GetString());
        Assert.Equal("Write a script.\n\nDocument it.", patched.GetProperty("requirements").GetString());

        // What its tasks wrote goes with it.
        var workspace = Path.Combine(app.Config.Execution.WorkspaceRoot, id);
        Directory.CreateDirectory(Path.Combine(workspace, "src"));
        await File.WriteAllTextAsync(Path.Combine(workspace, "src", "hello.py"), "print('hi')", Ct);

        Assert.Equal(HttpStatusCode.NoContent, (await user.Client.DeleteAsync($"/api/projects/{id}", Ct)).StatusCode);
        await (await user.Client.GetAsync($"/api/projects/{id}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.False(Directory.Exists(workspace));
    }

    [Fact]
    public async Task Lists_are_newest_first_filterable_and_paged()
    {
        var user = await app.CreateUserAsync();
        foreach (var name in new[] { "one", "two", "three" })
        {
            await (await user.Client.PostJsonAsync("/api/projects", new { name, requirements = "r" })).ReadJsonAsync(HttpStatusCode.Created);
        }
        var page = await user.Client.GetAsync("/api/projects?limit=2&offset=0", Ct);
        var names = (await page.ReadJsonAsync()).EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Equal(["three", "two"], names);
        Assert.Equal("3", page.Headers.GetValues("X-Total-Count").Single());
        var drafts = await (await user.Client.GetAsync("/api/projects?status=draft", Ct)).ReadJsonAsync();
        Assert.Equal(3, drafts.GetArrayLength());
        var none = await (await user.Client.GetAsync("/api/projects?status=completed", Ct)).ReadJsonAsync();
        Assert.Equal(0, none.GetArrayLength());
    }

    [Fact]
    public async Task Another_users_project_is_a_404_for_every_verb()
    {
        var owner = await app.CreateUserAsync();
        var other = await app.CreateUserAsync();
        var id = (await (await owner.Client.PostJsonAsync("/api/projects", new { name = "mine", requirements = "r" })).ReadJsonAsync(HttpStatusCode.Created))
            .GetProperty("id").GetString();

        await (await other.Client.GetAsync($"/api/projects/{id}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await other.Client.PatchJsonAsync($"/api/projects/{id}", new { name = "stolen" })).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await other.Client.DeleteAsync($"/api/projects/{id}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(0, (await (await other.Client.GetAsync("/api/projects", Ct)).ReadJsonAsync()).GetArrayLength());
        var mine = await (await owner.Client.GetAsync($"/api/projects/{id}", Ct)).ReadJsonAsync();
        Assert.Equal("mine", mine.GetProperty("name").GetString());
    }
}
