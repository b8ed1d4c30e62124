using System.Net;
using System.Text.Json;
using Orchestration.Server.Tests.Events;
using Orchestration.Server.Tests.Execution;
using Orchestration.Server.Tests.Infrastructure;

namespace Orchestration.Server.Tests.Mcp;

/// <summary>/mcp: agents are the external workers of hybrid and external projects through MCP tools, signed in as the
/// projects' owner with an access token or an API key.</summary>
public sealed partial class McpWorkersTests(OrchestrationApp app) : IClassFixture<OrchestrationApp>
{
    [Fact]
    public async Task The_server_offers_five_worker_tools_with_described_snake_case_arguments()
    {
        var user = await app.CreateUserAsync();
        await using var worker = await McpWorker.ConnectAsync(app, user.AccessToken);

        var tools = (await worker.ListToolsAsync()).ToDictionary(t => t.Name);

        Assert.Equal(["claim_task", "list_projects", "list_ready_tasks", "release_task", "submit_task"], tools.Keys.Order());
        Assert.All(tools.Values, t => Assert.False(string.IsNullOrWhiteSpace(t.Description)));
        Assert.Empty(Required(tools["list_projects"].JsonSchema));
        Assert.Equal(["project_id"], Required(tools["list_ready_tasks"].JsonSchema));
        Assert.Equal(["task_id"], Required(tools["claim_task"].JsonSchema));
        Assert.Equal(["task_id", "attempt", "output"], Required(tools["submit_task"].JsonSchema));
        Assert.Equal(["task_id", "attempt"], Required(tools["release_task"].JsonSchema));
        var submit = tools["submit_task"].JsonSchema.GetProperty("properties");
        Assert.Equal(("string", "integer", "string"), (Type(submit, "task_id"), Type(submit, "attempt"), Type(submit, "output")));
        Assert.Contains("claim_task", submit.GetProperty("attempt").GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_agent_runs_an_external_project_claim_by_claim_until_it_completes()
    {
        var owner = await app.CreateUserAsync();
        // A diamond: t0, then t1 and t2 (both need t0), then t3 (needs t1 and t2).
        var (project, tasks, stream) = await ExecutingExternalProjectAsync(owner, [], [0], [0], [1, 2]);
        await using var _ = stream;
        await using var worker = await McpWorker.ConnectAsync(app, owner.AccessToken);

        var listed = (await worker.CallJsonAsync("list_projects")).GetProperty("projects").EnumerateArray().Single();
        Assert.Equal((project, "demo", "executing", "external"),
            (Str(listed, "id"), Str(listed, "name"), Str(listed, "status"), Str(listed, "execution_mode")));

        var order = new List<string>();
        var prompts = new Dictionary<string, string>();
        while (order.Count < tasks.Length)
        {
            var waited = Count(stream.Text, "event: project_waiting");
            var ready = await worker.CallJsonAsync("list_ready_tasks", new() { ["project_id"] = project });
            var items = ready.GetProperty("tasks").EnumerateArray().ToList();
            if (items.Count == 0)
            {
                // The executor makes dependants ready after a submit and then says so with a project_waiting event.
                await stream.ReadUntilAsync(text => Count(text, "event: project_waiting") > waited);
                continue;
            }
            foreach (var item in items)
            {
                var id = Str(item, "id");
                Assert.All(item.GetProperty("depends_on").EnumerateArray(), d => Assert.Contains(d.GetString()!, order));
                var (isError, texts) = await worker.CallAsync("claim_task", new() { ["task_id"] = id });
                Assert.False(isError, string.Join("\n", texts));
                var claim = JsonDocument.Parse(texts[0]).RootElement;
                Assert.Equal(1, claim.GetProperty("attempt").GetInt64());
                Assert.True(claim.GetProperty("lease_expires_at").GetDouble() > DateTimeOffset.UtcNow.ToUnixTimeSeconds());
                Assert.EndsWith("Z", Str(claim, "lease_expires_at_utc"), StringComparison.Ordinal);
                Assert.Contains("Write a greeting program.", texts[1], StringComparison.Ordinal);
                prompts[id] = texts[2];
                var title = Str(claim, "title");
                var done = await worker.CallJsonAsync("submit_task", new() { ["task_id"] = id, ["attempt"] = 1, ["output"] = $"output of {title}" });
                Assert.Equal("completed", Str(done, "status"));
                order.Add(id);
            }
        }

        Assert.Equal(tasks[0], order[0]);
        Assert.Equal(tasks[3], order[3]);
        Assert.Contains("## Your task: t3", prompts[tasks[3]], StringComparison.Ordinal);
        Assert.Contains("output of t1", prompts[tasks[3]], StringComparison.Ordinal);
        Assert.Contains("output of t2", prompts[tasks[3]], StringComparison.Ordinal);
        await stream.ReadUntilAsync("event: project_complete");
        Assert.Equal("completed", Str(await (await owner.Client.GetAsync($"/api/projects/{project}")).ReadJsonAsync(), "status"));
        var t3 = await (await owner.Client.GetAsync($"/api/tasks/{tasks[3]}")).ReadJsonAsync();
        Assert.Equal(("external", "output of t3"), (Str(t3, "model_used"), Str(t3, "output_text")));
    }

    [Fact]
    public async Task Without_a_valid_bearer_the_endpoint_is_a_401_problem()
    {
        using var anonymous = app.CreateClient();
        await (await PostInitializeAsync(anonymous)).AssertProblemAsync(HttpStatusCode.Unauthorized, "Authorization: Bearer");
        using var forged = app.CreateClient("not-a-token");
        await (await PostInitializeAsync(forged)).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid or expired");
        using var revoked = app.CreateClient("orch_0000000000000000000000000000000000000000");
        await (await PostInitializeAsync(revoked)).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_endpoint_is_stateless_no_session_is_issued_and_a_get_is_405()
    {
        var user = await app.CreateUserAsync();

        var initialized = await PostInitializeAsync(user.Client);
        Assert.Equal(HttpStatusCode.OK, initialized.StatusCode);
        Assert.False(initialized.Headers.Contains("Mcp-Session-Id"));
        Assert.Contains("orchestration-engine", await initialized.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var get = await user.Client.GetAsync("/mcp", TestContext.Current.CancellationToken);
        await get.AssertProblemAsync(HttpStatusCode.MethodNotAllowed, "stateless");
        Assert.Equal(["POST"], get.Content.Headers.Allow);
    }

    [Fact]
    public async Task An_api_key_works_as_the_bearer()
    {
        var owner = await app.CreateUserAsync();
        var (project, _) = await ExecutionSeed.ReadyProjectAsync(app, owner.Client, [[]]);
        var created = await (await owner.Client.PostJsonAsync("/api/auth/api-keys", new { name = "agent" })).ReadJsonAsync(HttpStatusCode.Created);
        var key = Str(created, "key");
        Assert.StartsWith("orch_", key, StringComparison.Ordinal);

        await using var worker = await McpWorker.ConnectAsync(app, key);
        var listed = (await worker.CallJsonAsync("list_projects")).GetProperty("projects").EnumerateArray().Single();
        Assert.Equal((project, "auto"), (Str(listed, "id"), Str(listed, "execution_mode")));
    }

    /// <summary>A project of <paramref name="owner"/>'s in mode external, executing, and its event stream (read up to the
    /// first project_waiting: some task is ready).</summary>
    private async Task<(string Project, string[] Tasks, RawEventStream Stream)> ExecutingExternalProjectAsync(TestUser owner, params int[][] deps)
    {
        var (project, tasks) = await ExecutionSeed.ReadyProjectAsync(app, owner.Client, deps);
        await SetModeAsync(owner.Client, project, "external");
        var token = await ExecutionSeed.StreamTokenAsync(owner.Client, project);
        await (await owner.Client.PostAsync($"/api/projects/{project}/execute", null)).ReadJsonAsync();
        var stream = await RawEventStream.OpenAsync(owner.Client, $"/api/events/{project}?token={Uri.EscapeDataString(token)}");
        await stream.ReadUntilAsync("event: project_waiting");
        return (project, tasks, stream);
    }

    private static async Task SetModeAsync(HttpClient client, string project, string mode) =>
        await (await client.PatchJsonAsync($"/api/projects/{project}", new { config = new { execution_mode = mode } })).ReadJsonAsync();

    private static Task<HttpResponseMessage> PostInitializeAsync(HttpClient client)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/mcp")
        {
            Content = new StringContent(
                """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""",
                System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static List<string> Required(JsonElement schema) =>
        schema.TryGetProperty("required", out var required) ? [.. required.EnumerateArray().Select(r => r.GetString()!)] : [];

    private static string? Type(JsonElement properties, string name) => properties.GetProperty(name).GetProperty("type").GetString();

    private static string Str(JsonElement element, string name) => element.GetProperty(name).GetString()!;

    private static int Count(string text, string marker) => (text.Length - text.Replace(marker, "", StringComparison.Ordinal).Length) / marker.Length;
}
