using System.Net;
using Orchestration.Server.Tests.Infrastructure;

namespace Orchestration.Server.Tests.Projects;

/// <summary>Malformed and invalid bodies: always a problem with a useful detail, never a 500, nothing written.</summary>
public sealed class BadInputTests(OrchestrationApp app) : IClassFixture<OrchestrationApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, HttpStatusCode, string> Corpus => new()
    {
        { "POST", """{"name":""", HttpStatusCode.BadRequest, "not valid JSON" },
        { "POST", "[1,2,3]", HttpStatusCode.BadRequest, "" },
        { "POST", """{"name":42,"requirements":"r"}""", HttpStatusCode.BadRequest, "name" },
        { "POST", """{"name":"x","requirements":["a"]}""", HttpStatusCode.BadRequest, "requirements" },
        { "POST", """{"requirements":"r"}""", HttpStatusCode.UnprocessableEntity, "name" },
        { "POST", """{"name":"x"}""", HttpStatusCode.UnprocessableEntity, "requirements" },
        { "POST", """{"name":"   ","requirements":"r"}""", HttpStatusCode.UnprocessableEntity, "name" },
        { "POST", """{"name":"x","requirements":"r","planning_rigor":"L9"}""", HttpStatusCode.UnprocessableEntity, "L1, L2, L3" },
        { "POST", """{"name":"x","requirements":"r","config":{"execution_mode":"yolo"}}""", HttpStatusCode.UnprocessableEntity, "execution_mode" },
        { "POST", """{"name":"x","requirements":"r","config":"nope"}""", HttpStatusCode.BadRequest, "config" },
        { "POST", "", HttpStatusCode.BadRequest, "body" },
        { "PATCH", """{"name":""}""", HttpStatusCode.UnprocessableEntity, "name" },
        { "PATCH", """{"planning_rigor":"l2"}""", HttpStatusCode.UnprocessableEntity, "planning_rigor" },
        { "PATCH", """{"requirements":null,"name":5}""", HttpStatusCode.BadRequest, "name" },
    };

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task Bad_project_bodies_are_problems_and_write_nothing(string method, string body, HttpStatusCode status, string detail)
    {
        var user = await app.CreateUserAsync();
        var existing = (await (await user.Client.PostJsonAsync("/api/projects", new { name = "keep", requirements = "keep" })).ReadJsonAsync(HttpStatusCode.Created))
            .GetProperty("id").GetString();
        var url = method == "POST" ? "/api/projects" : $"/api/projects/{existing}";

        var response = await user.Client.SendRawAsync(new HttpMethod(method), url, body);
        await response.AssertProblemAsync(status, detail);

        var list = await (await user.Client.GetAsync("/api/projects", Ct)).ReadJsonAsync();
        var only = Assert.Single(list.EnumerateArray());
        Assert.Equal("keep", only.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Over_long_strings_are_refused_with_the_limit()
    {
        var user = await app.CreateUserAsync();
        var response = await user.Client.PostJsonAsync("/api/projects", new { name = new string('n', 201), requirements = "r" });
        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "at most 200");
    }

    [Fact]
    public async Task A_body_over_the_size_limit_is_413()
    {
        var user = await app.CreateUserAsync();
        var response = await user.Client.PostOversizedJsonAsync("/api/projects", new { name = "big", requirements = new string('r', 2_000_000) });
        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "at most 1 MB");
    }

    [Fact]
    public async Task An_import_over_its_size_limit_is_413_naming_the_limit()
    {
        var user = await app.CreateUserAsync();
        var document = new { project = new { name = "big", requirements = new string('r', (int)Orchestration.Server.Projects.ProjectTransferApi.MaxImportBytes + 10) } };
        var response = await user.Client.PostOversizedJsonAsync("/api/projects/import", document);
        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "at most 50 MB");

        // Sent without a length (chunked), the limit is met while the body is read.
        var json = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(document);
        using var chunked = new StreamContent(new MemoryStream(json));
        chunked.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/projects/import") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        await (await user.Client.SendAsync(request, Ct)).AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "at most 50 MB");
    }

    [Fact]
    public async Task A_non_json_content_type_is_415()
    {
        var user = await app.CreateUserAsync();
        var response = await user.Client.SendRawAsync(HttpMethod.Post, "/api/projects", "name=x", "application/x-www-form-urlencoded");
        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Unknown_api_routes_and_wrong_methods_are_problems()
    {
        var user = await app.CreateUserAsync();
        await (await user.Client.GetAsync("/api/no-such-route", Ct)).AssertProblemAsync(HttpStatusCode.NotFound, "no-such-route");
        await (await user.Client.PutAsync("/api/projects", null, Ct)).AssertProblemAsync(HttpStatusCode.MethodNotAllowed);
    }

    [Theory]
    [InlineData("/api/projects?limit=0", "limit")]
    [InlineData("/api/projects?limit=abc", "limit")]
    [InlineData("/api/projects?status=nonsense", "status")]
    public async Task Bad_query_parameters_are_problems(string url, string detail)
    {
        var user = await app.CreateUserAsync();
        var response = await user.Client.GetAsync(url, Ct);
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity, $"got {(int)response.StatusCode}");
        await response.AssertProblemAsync(response.StatusCode, detail);
    }
}
