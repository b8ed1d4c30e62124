using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orchestration.Server.Tests.Infrastructure;

namespace Orchestration.Server.Tests.Auth;

public sealed class FirstUserTests
{
    [Fact]
    public async Task Exactly_one_of_many_concurrent_first_registrations_becomes_admin()
    {
        await using var app = await OrchestrationApp.StartAsync();
        using var client = app.CreateClient();
        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            client.PostAsJsonAsync("/api/auth/register", new { email = $"racer{i}@example.com", password = "password-123", display_name = "" }, TestContext.Current.CancellationToken)));
        var roles = new List<string>();
        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            roles.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("role").GetString()!);
        }
        Assert.Equal(1, roles.Count(r => r == "admin"));
        Assert.Equal(11, roles.Count(r => r == "user"));
    }

    [Fact]
    public async Task Registration_can_be_disabled()
    {
        await using var app = await OrchestrationApp.StartAsync("""{ "auth": { "allow_registration": false } }""");
        using var client = app.CreateClient();
        var response = await client.PostJsonAsync("/api/auth/register", new { email = "a@example.com", password = "password-123" });
        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "disabled");
    }
}
