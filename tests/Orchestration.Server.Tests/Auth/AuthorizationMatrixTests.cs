using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Orchestration.Server.Auth;
using Orchestration.Server.Tests.Infrastructure;

namespace Orchestration.Server.Tests.Auth;

/// <summary>
/// Every route under /api that needs authentication, discovered from the running app (so new routes are covered as
/// they are added), hit without a token, with an expired token, with a token signed by another key, and as another user.
/// </summary>
public sealed class AuthorizationMatrixTests(OrchestrationApp app) : IClassFixture<OrchestrationApp>
{
    [Fact]
    public async Task Protected_routes_refuse_missing_expired_and_foreign_tokens_and_hide_other_users_data()
    {
        var owner = await app.CreateUserAsync();
        var intruder = await app.CreateUserAsync();
        var project = await (await owner.Client.PostJsonAsync("/api/projects", new { name = "secret plans", requirements = "Do secret things." }))
            .ReadJsonAsync(HttpStatusCode.Created);
        var projectId = project.GetProperty("id").GetString()!;

        var routes = ProtectedRoutes().ToList();
        Assert.Contains(routes, r => r.Path == "/api/projects/{id}" && r.Method == "PATCH");
        Assert.Contains(routes, r => r.Path == "/api/auth/me");

        var expired = MintToken(owner.Id, app.Config.Auth.SecretKey!, DateTime.UtcNow.AddHours(-2), DateTime.UtcNow.AddHours(-1));
        var foreign = MintToken(owner.Id, "another-secret-key-0123456789abcdef0123456789", DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddMinutes(30));
        using var anonymous = app.CreateClient();
        using var expiredClient = app.CreateClient(expired);
        using var foreignClient = app.CreateClient(foreign);

        foreach (var (method, template) in routes)
        {
            var path = FillRoute(template, projectId);
            foreach (var client in new[] { anonymous, expiredClient, foreignClient })
            {
                var response = await Send(client, method, path);
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path}: expected 401, got {(int)response.StatusCode}");
                await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
            }

            var asIntruder = await Send(intruder.Client, method, path);
            var body = await asIntruder.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.True((int)asIntruder.StatusCode >= 400 || !body.Contains("secret plans", StringComparison.Ordinal),
                $"{method} {path} leaked another user's data: {(int)asIntruder.StatusCode} {body}");
            Assert.NotEqual(HttpStatusCode.InternalServerError, asIntruder.StatusCode);
        }

        // The owner's project is untouched after the intruder's writes and deletes.
        var after = await (await owner.Client.GetAsync($"/api/projects/{projectId}", TestContext.Current.CancellationToken)).ReadJsonAsync();
        Assert.Equal("secret plans", after.GetProperty("name").GetString());
    }

    private IEnumerable<(string Method, string Path)> ProtectedRoutes()
    {
        var sources = app.Services.GetRequiredService<IEnumerable<EndpointDataSource>>();
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var template = "/" + endpoint.RoutePattern.RawText?.TrimStart('/');
            if (!template.StartsWith("/api/", StringComparison.Ordinal) || template.Contains("**", StringComparison.Ordinal)
                || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            {
                continue;
            }
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                yield return (method, template);
            }
        }
    }

    private static string FillRoute(string template, string projectId)
    {
        var builder = new StringBuilder();
        foreach (var segment in template.Split('/'))
        {
            if (builder.Length > 0 || segment.Length > 0)
            {
                builder.Append('/');
            }
            builder.Append(segment.StartsWith('{') ? (segment.Contains("project", StringComparison.OrdinalIgnoreCase) || segment == "{id}" ? projectId : "0123456789abcdef0123456789abcdef") : segment);
        }
        return builder.ToString();
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, string method, string path)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PATCH" or "PUT")
        {
            request.Content = new StringContent("""{"name":"hijacked","action":"cancel","task_ids":["x"]}""", Encoding.UTF8, "application/json");
        }
        return client.SendAsync(request);
    }

    private static string MintToken(string userId, string secret, DateTime notBefore, DateTime expires) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = TokenService.Issuer,
            Audience = TokenService.Audience,
            Subject = new ClaimsIdentity([new Claim("sub", userId), new Claim("role", "admin")]),
            IssuedAt = notBefore,
            NotBefore = notBefore,
            Expires = expires,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)), SecurityAlgorithms.HmacSha256),
        });
}
