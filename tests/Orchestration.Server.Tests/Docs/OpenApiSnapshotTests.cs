using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestration.Core.Tests;
using Orchestration.Server.Tests.Infrastructure;

namespace Orchestration.Server.Tests.Docs;

/// <summary>
/// web/openapi.json is the OpenAPI document the server serves; the web UI generates its wire types from it, so a server
/// change that breaks the client fails the web typecheck. After a change to an endpoint or a DTO:
/// <c>ORCH_REGENERATE=1 dotnet test --project tests/Orchestration.Server.Tests -- --filter-class *OpenApiSnapshotTests</c>
/// </summary>
public sealed class OpenApiSnapshotTests(OrchestrationApp app) : IClassFixture<OrchestrationApp>
{
    private const string SnapshotFile = "web/openapi.json";

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    [Fact]
    public async Task The_web_uis_openapi_snapshot_is_the_document_the_server_serves()
    {
        var path = Path.Combine(SourceTree.Root, SnapshotFile);
        var expected = await ServedDocumentAsync();
        if (Environment.GetEnvironmentVariable("ORCH_REGENERATE") == "1")
        {
            await File.WriteAllTextAsync(path, expected, TestContext.Current.CancellationToken);
        }
        Assert.True(File.Exists(path), $"{SnapshotFile} is missing; run with ORCH_REGENERATE=1 to write it.");
        Assert.True(expected == await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken),
            $"{SnapshotFile} differs from the server's /openapi/v1.json; run with ORCH_REGENERATE=1 to rewrite it.");
    }

    [Fact]
    public async Task Every_operation_declares_its_problem_responses()
    {
        var document = JsonNode.Parse(await ServedDocumentAsync())!;
        var undeclared = new List<string>();
        foreach (var (route, operations) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in operations!.AsObject())
            {
                var statuses = operation?["responses"]?.AsObject().Select(r => r.Key).ToList() ?? [];
                if (!statuses.Any(s => s.StartsWith('4') || s.StartsWith('5')))
                {
                    undeclared.Add($"{method.ToUpperInvariant()} {route}");
                }
            }
        }
        Assert.True(undeclared.Count == 0, $"These operations declare no problem response: {string.Join(", ", undeclared)}");
    }

    /// <summary>The document indented, without <c>servers</c> (the address the test host happens to answer on).</summary>
    private async Task<string> ServedDocumentAsync()
    {
        using var client = app.CreateClient();
        var response = await client.GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!.AsObject();
        document.Remove("servers");
        return document.ToJsonString(Indented) + "\n";
    }
}
