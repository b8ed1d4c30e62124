using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Orchestration.Server.Tests.Infrastructure;

namespace Orchestration.Server.Tests.Hosting;

public sealed class TelemetryTests
{
    [Fact]
    public async Task Traces_of_requests_and_model_calls_are_exported_over_otlp_http()
    {
        var received = new ConcurrentBag<(string Path, byte[] Body)>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        await using var collector = builder.Build();
        collector.MapPost("/v1/{signal}", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            received.Add((request.Path, body.ToArray()));
            return Results.Ok();
        });
        await collector.StartAsync(TestContext.Current.CancellationToken);

        var app = await OrchestrationApp.StartAsync($$"""{ "server": { "otlp_endpoint": "{{collector.Urls.First()}}" } }""");
        await using (app)
        {
            var client = await app.CreateClientForNewUserAsync();
            var project = await (await client.PostJsonAsync("/api/projects", new { name = "traced", requirements = "Say hello." })).ReadJsonAsync(HttpStatusCode.Created);
            await (await client.PostAsync($"/api/projects/{project.GetProperty("id").GetString()}/plan", null, TestContext.Current.CancellationToken)).ReadJsonAsync();
        }

        // Stopping the server flushes its exporters.
        var traces = received.Where(r => r.Path == "/v1/traces").SelectMany(r => r.Body).ToArray();
        var text = Encoding.UTF8.GetString(traces);
        Assert.Contains("orchestration-engine", text, StringComparison.Ordinal);
        Assert.Contains("/api/projects", text, StringComparison.Ordinal);
        Assert.Contains("gen_ai", text, StringComparison.Ordinal);
    }
}
