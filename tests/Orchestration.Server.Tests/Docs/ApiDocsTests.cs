using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.Core.Tests;
using Orchestration.Server.Tests.Infrastructure;

namespace Orchestration.Server.Tests.Docs;

/// <summary>
/// docs/api.md against the real server: every route of the OpenAPI document, and every route the server maps beside
/// it (liveness, MCP), has a heading "METHOD /path" in the reference, and every such heading is a route that exists.
/// Parameter names do not matter (<c>{id}</c> and <c>{projectId}</c> are the same segment).
/// </summary>
public sealed partial class ApiDocsTests(OrchestrationApp app) : IClassFixture<OrchestrationApp>
{
    private const string DocFile = "docs/api.md";

    // The framework's own pages, not routes of the product: the OpenAPI document, its reference page and its assets.
    private static readonly string[] FrameworkPrefixes = ["/openapi/", "/scalar"];

    // The web UI's fallback (any other GET).
    private const string SpaFallback = "/{}";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_route_of_the_openapi_document_is_in_the_api_reference()
    {
        var documented = DocumentedRoutes();
        var missing = (await OpenApiRoutesAsync()).Where(r => !documented.Contains(r)).ToList();
        Assert.True(missing.Count == 0, $"{DocFile} does not document: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Every_route_the_server_maps_is_in_the_api_reference()
    {
        var documented = DocumentedRoutes();
        var missing = MappedRoutes().Where(r => !documented.Contains(r)).ToList();
        Assert.True(missing.Count == 0, $"{DocFile} does not document: {string.Join(", ", missing)}");
    }

    [Fact]
    public async Task Every_route_the_api_reference_names_exists()
    {
        var real = MappedRoutes().Concat(await OpenApiRoutesAsync()).ToHashSet(StringComparer.Ordinal);
        var unknown = DocumentedRoutes().Where(r => !real.Contains(r)).ToList();
        Assert.True(unknown.Count == 0, $"{DocFile} names routes the server does not have: {string.Join(", ", unknown)}");
    }

    [Fact]
    public void The_reference_documents_each_route_once()
    {
        var repeated = DocumentedHeadings().GroupBy(r => r, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(repeated.Count == 0, $"{DocFile} documents these routes more than once: {string.Join(", ", repeated)}");
    }

    private async Task<HashSet<string>> OpenApiRoutesAsync()
    {
        using var client = app.CreateClient();
        var document = await (await client.GetAsync("/openapi/v1.json", Ct)).ReadJsonAsync();
        var routes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Value.ValueKind == JsonValueKind.Object))
            {
                if (operation.Name is "get" or "post" or "put" or "patch" or "delete")
                {
                    routes.Add(Route(operation.Name, path.Name));
                }
            }
        }
        Assert.NotEmpty(routes);
        return routes;
    }

    /// <summary>Every method and route pattern of the server's endpoints, those left out of the OpenAPI document included.</summary>
    private HashSet<string> MappedRoutes()
    {
        var routes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var path = Normalise(endpoint.RoutePattern.RawText ?? "");
            if (path == SpaFallback || FrameworkPrefixes.Any(p => path.StartsWith(p, StringComparison.Ordinal)))
            {
                continue;
            }
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
            {
                if (method is not ("HEAD" or "OPTIONS"))
                {
                    routes.Add(Route(method, path));
                }
            }
        }
        return routes;
    }

    private static HashSet<string> DocumentedRoutes() => DocumentedHeadings().ToHashSet(StringComparer.Ordinal);

    private static List<string> DocumentedHeadings()
    {
        var text = File.ReadAllText(Path.Combine(SourceTree.Root, DocFile));
        var routes = RouteHeading().Matches(text).Select(m => Route(m.Groups["method"].Value, m.Groups["path"].Value)).ToList();
        Assert.NotEmpty(routes);
        return routes;
    }

    private static string Route(string method, string path) => $"{method.ToUpperInvariant()} {Normalise(path)}";

    private static string Normalise(string path)
    {
        var withoutQuery = path.Split('?')[0];
        var normal = Parameter().Replace("/" + withoutQuery.Trim('/'), "{}");
        return normal.Length > 1 ? normal.TrimEnd('/') : normal;
    }

    [GeneratedRegex(@"^#{2,4}\s+`?(?<method>GET|POST|PUT|PATCH|DELETE)\s+(?<path>/[^\s`]*)`?", RegexOptions.Multiline)]
    private static partial Regex RouteHeading();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Parameter();
}
