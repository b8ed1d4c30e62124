using System.Net;
using System.Net.Http.Json;
using Orchestration.Server.Tests.Infrastructure;

namespace Orchestration.Server.Tests.Auth;

public sealed class AuthTests(OrchestrationApp app) : IClassFixture<OrchestrationApp>
{
    [Fact]
    public async Task Register_login_refresh_and_me_round_trip()
    {
        var user = await app.CreateUserAsync();
        var me = await (await user.Client.GetAsync("/api/auth/me", TestContext.Current.CancellationToken)).ReadJsonAsync();
        Assert.Equal(user.Id, me.GetProperty("id").GetString());
        Assert.Equal(user.Email, me.GetProperty("email").GetString());
        Assert.Equal(user.Email.Split('@')[0], me.GetProperty("display_name").GetString());
        Assert.True(me.GetProperty("has_password").GetBoolean());
        Assert.Equal(0, me.GetProperty("linked_providers").GetArrayLength());

        using var anonymous = app.CreateClient();
        var refreshed = await (await anonymous.PostJsonAsync("/api/auth/refresh", new { refresh_token = user.RefreshToken })).ReadJsonAsync();
        Assert.Equal("bearer", refreshed.GetProperty("token_type").GetString());
        Assert.NotEqual(user.RefreshToken, refreshed.GetProperty("refresh_token").GetString());
        using var rotated = app.CreateClient(refreshed.GetProperty("access_token").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await rotated.GetAsync("/api/auth/me", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task A_refresh_token_presented_many_times_at_once_is_rotated_once()
    {
        var user = await app.CreateUserAsync();
        using var anonymous = app.CreateClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            anonymous.PostJsonAsync("/api/auth/refresh", new { refresh_token = user.RefreshToken })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
    }

    [Fact]
    public async Task A_reused_refresh_token_revokes_its_whole_family()
    {
        var user = await app.CreateUserAsync();
        using var anonymous = app.CreateClient();
        var first = await (await anonymous.PostJsonAsync("/api/auth/refresh", new { refresh_token = user.RefreshToken })).ReadJsonAsync();
        var second = first.GetProperty("refresh_token").GetString()!;

        // The stolen (already rotated) token is replayed: refused, and the legitimate newer token dies with it.
        await (await anonymous.PostJsonAsync("/api/auth/refresh", new { refresh_token = user.RefreshToken })).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.PostJsonAsync("/api/auth/refresh", new { refresh_token = second })).AssertProblemAsync(HttpStatusCode.Unauthorized);

        // A fresh login starts a new family that works.
        var login = await (await anonymous.PostJsonAsync("/api/auth/login", new { email = user.Email, password = user.Password })).ReadJsonAsync();
        var again = await anonymous.PostJsonAsync("/api/auth/refresh", new { refresh_token = login.GetProperty("refresh_token").GetString() });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task Every_login_failure_is_the_same_401()
    {
        var user = await app.CreateUserAsync();
        using var anonymous = app.CreateClient();
        var wrongPassword = await (await anonymous.PostJsonAsync("/api/auth/login", new { email = user.Email, password = "wrong-password" }))
            .AssertProblemAsync(HttpStatusCode.Unauthorized);
        var unknownEmail = await (await anonymous.PostJsonAsync("/api/auth/login", new { email = "nobody@example.com", password = "wrong-password" }))
            .AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(wrongPassword.GetProperty("detail").GetString(), unknownEmail.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Duplicate_email_gets_a_generic_400()
    {
        var user = await app.CreateUserAsync();
        using var anonymous = app.CreateClient();
        var response = await anonymous.PostJsonAsync("/api/auth/register", new { email = user.Email.ToUpperInvariant(), password = "another-password", display_name = "x" });
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.DoesNotContain("exist", problem.GetProperty("detail").GetString()!, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("""{"email":"x@example.com","password":"short"}""", "password")]
    [InlineData("""{"email":"not-an-email","password":"long-enough-pw"}""", "email")]
    [InlineData("""{"password":"long-enough-pw"}""", "email")]
    [InlineData("""{"email":"x@example.com"}""", "password")]
    public async Task Invalid_registrations_are_422_naming_the_field(string body, string field)
    {
        using var anonymous = app.CreateClient();
        var response = await anonymous.SendRawAsync(HttpMethod.Post, "/api/auth/register", body);
        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, field);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task The_oidc_provider_list_is_an_empty_array_when_none_are_configured()
    {
        using var anonymous = app.CreateClient();
        var providers = await (await anonymous.GetAsync("/api/auth/oidc/providers", TestContext.Current.CancellationToken)).ReadJsonAsync();
        Assert.Equal(0, providers.GetArrayLength());
    }
}
