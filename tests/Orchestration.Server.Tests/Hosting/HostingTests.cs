using System.Net;
using System.Text.Json;
using Orchestration.Server.Tests.Infrastructure;

namespace Orchestration.Server.Tests.Hosting;

public sealed class HostingTests(OrchestrationApp app) : IClassFixture<OrchestrationApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Health_and_readiness_answer_without_a_token()
    {
        using var client = app.CreateClient();
        Assert.Equal("ok", (await (await client.GetAsync("/api/health", Ct)).ReadJsonAsync()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz", Ct)).StatusCode);
        var ready = await (await client.GetAsync("/readyz", Ct)).ReadJsonAsync();
        Assert.Equal("ready", ready.GetProperty("status").GetString());
        Assert.Equal(ready.GetProperty("latest_schema_version").GetInt32(), ready.GetProperty("schema_version").GetInt32());
    }

    [Fact]
    public async Task The_openapi_document_and_reference_page_are_served()
    {
        using var client = app.CreateClient();
        var doc = await (await client.GetAsync("/openapi/v1.json", Ct)).ReadJsonAsync();
        Assert.StartsWith("3.", doc.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.True(doc.GetProperty("paths").TryGetProperty("/api/projects", out _));
        var page = await client.GetAsync("/scalar/v1", Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("text/html", page.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Responses_carry_security_headers_and_cors_allows_the_configured_origin()
    {
        using var client = app.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/projects");
        request.Headers.Add("Origin", "http://localhost:5173");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        var preflight = await client.SendAsync(request, Ct);
        Assert.Equal("http://localhost:5173", preflight.Headers.GetValues("Access-Control-Allow-Origin").Single());

        var response = await client.GetAsync("/api/health", Ct);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task Unknown_non_api_paths_fall_back_to_the_web_ui()
    {
        using var client = app.CreateClient();
        var response = await client.GetAsync("/projects/some-id", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Web_ui_files_are_served_as_files_with_their_content_type()
    {
        // The server build copies web/dist here; write a file of our own so the test does not depend on npm.
        var assets = Path.Combine(AppContext.BaseDirectory, "wwwroot", "assets");
        Directory.CreateDirectory(assets);
        var file = Path.Combine(assets, $"hosting-test-{Guid.NewGuid():N}.js");
        await File.WriteAllTextAsync(file, "export const served = true;", Ct);
        try
        {
            await using var own = await OrchestrationApp.StartAsync();
            using var client = own.CreateClient();
            var response = await client.GetAsync($"/assets/{Path.GetFileName(file)}", Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("export const served = true;", await response.Content.ReadAsStringAsync(Ct));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Rate_limits_answer_429_with_retry_after()
    {
        await using var limited = await OrchestrationApp.StartAsync("""{ "server": { "rate_limit": "10/minute" } }""");
        using var client = limited.CreateClient();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 8; i++)
        {
            last = await client.PostJsonAsync("/api/auth/login", new { email = "x@example.com", password = "wrong-password" });
            if (last.StatusCode == HttpStatusCode.TooManyRequests)
            {
                break;
            }
        }
        Assert.NotNull(last);
        var problem = await last.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(int.Parse(last.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal(JsonValueKind.String, problem.GetProperty("detail").ValueKind);
    }
}
