using System.Net;
using System.Text.Json;
using Orchestration.Server.Tests.Infrastructure;

namespace Orchestration.Server.Tests.Plans;

/// <summary>The real server (no API key configured, so the simulated provider plans, priced and budgeted), shared by a test class.</summary>
public sealed class PlanningApp : IAsyncLifetime
{
    public OrchestrationApp App { get; private set; } = null!;

    public async ValueTask InitializeAsync() => App = await OrchestrationApp.StartAsync();

    public ValueTask DisposeAsync() => App.DisposeAsync();

    public static async Task<string> CreateProjectAsync(HttpClient client, string requirements, string rigor = "L2")
    {
        var created = await (await client.PostJsonAsync("/api/projects", new { name = "planned", requirements, planning_rigor = rigor }))
            .ReadJsonAsync(HttpStatusCode.Created);
        return created.GetProperty("id").GetString()!;
    }

    /// <summary>POST /plan exactly as curl sends it without -d: no body, no Content-Type.</summary>
    public static Task<HttpResponseMessage> PlanAsync(HttpClient client, string projectId) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/api/projects/{projectId}/plan"));

    public static async Task<JsonElement> PlannedAsync(HttpClient client, string projectId) =>
        await (await PlanAsync(client, projectId)).ReadJsonAsync();

    public static Task<HttpResponseMessage> ApproveAsync(HttpClient client, string projectId, string planId) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/api/projects/{projectId}/plans/{planId}/approve"));
}
