using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.Core.Domain;
using Orchestration.Engine.Models;
using Orchestration.Server.Tests.Infrastructure;

namespace Orchestration.Server.Tests.Services;

/// <summary>/api/services on the real server, with an Ollama host played by a loopback server.</summary>
public sealed class ServicesApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<WebApplication> StartOllamaAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var ollama = builder.Build();
        ollama.MapGet("/api/tags", () => Results.Text(
            """{"models":[{"name":"qwen2.5-coder:14b","model":"qwen2.5-coder:14b","modified_at":"2024-05-01T10:00:00Z","size":1,"digest":"d","details":{}}]}""",
            "application/json"));
        await ollama.StartAsync(Ct);
        return ollama;
    }

    [Fact]
    public async Task Lists_the_providers_with_simulated_active_when_no_key_is_set()
    {
        await using var ollama = await StartOllamaAsync();
        var config = new System.Text.Json.Nodes.JsonObject { ["ollama"] = new System.Text.Json.Nodes.JsonObject { ["hosts"] = new System.Text.Json.Nodes.JsonObject { ["local"] = ollama.Urls.First() } } };
        await using var app = await OrchestrationApp.StartAsync(config.ToJsonString());
        var client = await app.CreateClientForNewUserAsync();

        var list = await (await client.GetAsync("/api/services?refresh=true", Ct)).ReadJsonAsync();

        var byId = list.EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!);
        Assert.Equal(["anthropic_api", "comfyui_local", "database", "embeddings", "ollama_local", "simulated"], byId.Keys.Order());
        Assert.Equal("online", byId["database"].GetProperty("status").GetString());
        var database = byId["database"].GetProperty("details");
        Assert.Equal(TestBackend.Name, database.GetProperty("provider").GetString());
        Assert.Equal(database.GetProperty("latest_schema_version").GetInt32(), database.GetProperty("schema_version").GetInt32());
        Assert.Equal("offline", byId["comfyui_local"].GetProperty("status").GetString());
        Assert.Equal("offline", byId["anthropic_api"].GetProperty("status").GetString());
        Assert.False(byId["anthropic_api"].GetProperty("details").GetProperty("configured").GetBoolean());
        Assert.Equal("online", byId["ollama_local"].GetProperty("status").GetString());
        Assert.Equal("GET /api/tags", byId["ollama_local"].GetProperty("method").GetString());
        var simulated = byId["simulated"];
        Assert.Equal(("online", "llm"), (simulated.GetProperty("status").GetString(), simulated.GetProperty("category").GetString()));
        Assert.True(simulated.GetProperty("details").GetProperty("active").GetBoolean());
        Assert.Equal("simulated", simulated.GetProperty("details").GetProperty("default_provider").GetString());

        var one = await (await client.GetAsync("/api/services/simulated", Ct)).ReadJsonAsync();
        Assert.Equal("Simulated model provider", one.GetProperty("name").GetString());
    }

    [Fact(Timeout = 60_000)]
    public async Task Each_ollama_host_shows_its_requests_in_flight_its_rotation_and_its_models()
    {
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var ollama = builder.Build();
        ollama.MapGet("/api/tags", () => Results.Text(
            """{"models":[{"name":"qwen2.5-coder:14b","model":"qwen2.5-coder:14b","modified_at":"2024-05-01T10:00:00Z","size":1,"digest":"d","details":{}}]}""",
            "application/json"));
        ollama.MapPost("/api/chat", async (HttpContext c) =>
        {
            arrived.TrySetResult();
            await answer.Task.WaitAsync(c.RequestAborted);
            return Results.Text(
                """{"model":"qwen2.5-coder:14b","created_at":"2024-07-22T20:33:28Z","message":{"role":"assistant","content":"Hi"},"done":true,"done_reason":"stop","prompt_eval_count":5,"eval_count":2}""",
                "application/json");
        });
        await ollama.StartAsync(TestContext.Current.CancellationToken);
        var config = $$$$"""{"providers": {"default": "ollama"}, "ollama": {"hosts": {"local": "{{{{ollama.Urls.First()}}}}"}}}""";
        await using var app = await OrchestrationApp.StartAsync(config);
        var user = await app.CreateUserAsync();
        var project = await (await user.Client.PostJsonAsync("/api/projects", new { name = "Demo", requirements = "[R1] Say hello." }))
            .ReadJsonAsync(HttpStatusCode.Created);
        var call = app.Services.GetRequiredService<IModelGateway>().CompleteAsync(
            new ModelRequest(new ModelCallContext(user.Id, project.GetProperty("id").GetString(), null, CallPurpose.Execution),
                ModelTier.Ollama, null, [new ChatMessage(ChatRole.User, "Say hi")], new ChatOptions()),
            TestContext.Current.CancellationToken);
        await arrived.Task.WaitAsync(TestContext.Current.CancellationToken);

        var busy = (await (await user.Client.GetAsync("/api/services/ollama_local?refresh=true", TestContext.Current.CancellationToken)).ReadJsonAsync()).GetProperty("details");
        answer.SetResult();
        Assert.Equal("Hi", (await call).Response.Text);
        var idle = (await (await user.Client.GetAsync("/api/services/ollama_local", TestContext.Current.CancellationToken)).ReadJsonAsync()).GetProperty("details");

        Assert.Equal((1, true), (busy.GetProperty("in_flight").GetInt32(), busy.GetProperty("in_rotation").GetBoolean()));
        Assert.Equal(["qwen2.5-coder:14b"], busy.GetProperty("models").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(0, idle.GetProperty("in_flight").GetInt32());
    }

    [Fact]
    public async Task An_unknown_service_is_a_404_problem_and_anonymous_callers_are_refused()
    {
        await using var app = await OrchestrationApp.StartAsync("""{"ollama": {"hosts": {"local": "http://127.0.0.1:1"}}}""");
        var client = await app.CreateClientForNewUserAsync();

        await (await client.GetAsync("/api/services/comfyui_nowhere", Ct)).AssertProblemAsync(HttpStatusCode.NotFound, "comfyui_nowhere");
        using var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/services", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_simulated_call_through_the_gateway_shows_up_in_usage_as_simulated()
    {
        await using var app = await OrchestrationApp.StartAsync();
        var user = await app.CreateUserAsync();
        var project = await (await user.Client.PostJsonAsync("/api/projects", new { name = "Demo", requirements = "[R1] Say hello." }))
            .ReadJsonAsync(HttpStatusCode.Created);
        var gateway = app.Services.GetRequiredService<IModelGateway>();

        var result = await gateway.CompleteAsync(
            new ModelRequest(new ModelCallContext(user.Id, project.GetProperty("id").GetString(), null, CallPurpose.Execution),
                ModelTier.Sonnet, null, [new ChatMessage(ChatRole.User, "Title: Say hello")], new ChatOptions()),
            Ct);

        Assert.True(result.Simulated);
        var summary = await (await user.Client.GetAsync("/api/usage/summary", Ct)).ReadJsonAsync();
        var simulated = summary.GetProperty("by_provider").GetProperty("simulated");
        Assert.Equal(1, simulated.GetProperty("calls").GetInt64());
        Assert.Equal(Money.FromNanos(result.CostNanos), (decimal)simulated.GetProperty("cost_usd").GetDouble());
        Assert.True(simulated.GetProperty("cost_usd").GetDouble() > 0, "priced as the model it stands in for");
    }
}
