using System.Net;
using System.Text.Json;
using Orchestration.Server.Tests.Infrastructure;

namespace Orchestration.Server.Tests.Auth;

public sealed class OidcTests
{
    private const string Redirect = "http://localhost:5173/auth/callback";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<OrchestrationApp> StartAppAsync(FakeOidcProvider idp, bool autoLink = false) =>
        OrchestrationApp.StartAsync($$"""
            { "auth": { "oidc_providers": [ { "name": "corp", "display_name": "Corp SSO", "issuer": "{{idp.Issuer}}",
                "client_id": "orch", "client_secret": "client-secret", "auto_link_by_email": {{(autoLink ? "true" : "false")}} } ] } }
            """);

    private static async Task<JsonElement> SignInAsync(HttpClient client, FakeOidcProvider idp, string subject, string email, bool verified = true, HttpStatusCode expect = HttpStatusCode.OK)
    {
        var start = await (await client.GetAsync($"/api/auth/oidc/corp/login?redirect_uri={Uri.EscapeDataString(Redirect)}", Ct)).ReadJsonAsync();
        var url = start.GetProperty("authorization_url").GetString()!;
        Assert.StartsWith(idp.Issuer + "/authorize?", url, StringComparison.Ordinal);
        var (code, state) = idp.Authorize(url, subject, email, verified);
        var response = await client.PostJsonAsync("/api/auth/oidc/corp/callback",
            new { code, state, state_token = start.GetProperty("state_token").GetString(), redirect_uri = Redirect });
        return expect == HttpStatusCode.OK ? await response.ReadJsonAsync() : await response.AssertProblemAsync(expect);
    }

    [Fact]
    public async Task A_new_person_signs_in_through_the_provider_and_gets_a_password_less_account()
    {
        await using var idp = await FakeOidcProvider.StartAsync();
        await using var app = await StartAppAsync(idp);
        using var client = app.CreateClient();

        var providers = await (await client.GetAsync("/api/auth/oidc/providers", Ct)).ReadJsonAsync();
        Assert.Equal("Corp SSO", providers[0].GetProperty("display_name").GetString());

        var login = await SignInAsync(client, idp, "sub-1", "ada@corp.example");
        Assert.Equal("ada@corp.example", login.GetProperty("user").GetProperty("email").GetString());
        using var ada = app.CreateClient(login.GetProperty("access_token").GetString()!);
        var me = await (await ada.GetAsync("/api/auth/me", Ct)).ReadJsonAsync();
        Assert.False(me.GetProperty("has_password").GetBoolean());
        Assert.Equal("corp", me.GetProperty("linked_providers")[0].GetString());

        // Signing in again finds the same account; the only sign-in method cannot be unlinked.
        var again = await SignInAsync(client, idp, "sub-1", "ada@corp.example");
        Assert.Equal(login.GetProperty("user").GetProperty("id").GetString(), again.GetProperty("user").GetProperty("id").GetString());
        await (await ada.DeleteAsync("/api/auth/oidc/link/corp", Ct)).AssertProblemAsync(HttpStatusCode.BadRequest, "only way to sign in");
    }

    [Fact]
    public async Task An_existing_email_is_not_taken_over_unless_auto_link_is_on_and_the_email_is_verified()
    {
        await using var idp = await FakeOidcProvider.StartAsync();
        await using var strict = await StartAppAsync(idp);
        var owner = await strict.CreateUserAsync("bob@corp.example");
        using var client = strict.CreateClient();
        await SignInAsync(client, idp, "sub-bob", "bob@corp.example", expect: HttpStatusCode.Conflict);

        await using var lenient = await StartAppAsync(idp, autoLink: true);
        var bob = await lenient.CreateUserAsync("bob@corp.example");
        using var client2 = lenient.CreateClient();
        await SignInAsync(client2, idp, "sub-bob", "bob@corp.example", verified: false, expect: HttpStatusCode.Conflict);
        var linked = await SignInAsync(client2, idp, "sub-bob", "bob@corp.example", verified: true);
        Assert.Equal(bob.Id, linked.GetProperty("user").GetProperty("id").GetString());
        Assert.NotEqual(owner.Id, bob.Id);
    }

    [Fact]
    public async Task A_signed_in_user_links_and_unlinks_a_provider()
    {
        await using var idp = await FakeOidcProvider.StartAsync();
        await using var app = await StartAppAsync(idp);
        var user = await app.CreateUserAsync();
        var start = await (await user.Client.GetAsync($"/api/auth/oidc/corp/login?redirect_uri={Uri.EscapeDataString(Redirect)}", Ct)).ReadJsonAsync();
        var (code, state) = idp.Authorize(start.GetProperty("authorization_url").GetString()!, "sub-link", "someone@corp.example");
        var linked = await (await user.Client.PostJsonAsync("/api/auth/oidc/link/corp",
            new { code, state, state_token = start.GetProperty("state_token").GetString(), redirect_uri = Redirect })).ReadJsonAsync();
        Assert.Equal("sub-link", linked.GetProperty("provider_user_id").GetString());

        var identities = await (await user.Client.GetAsync("/api/auth/oidc/identities", Ct)).ReadJsonAsync();
        Assert.Equal("someone@corp.example", identities[0].GetProperty("provider_email").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await user.Client.DeleteAsync("/api/auth/oidc/link/corp", Ct)).StatusCode);
        Assert.Equal(0, (await (await user.Client.GetAsync("/api/auth/oidc/identities", Ct)).ReadJsonAsync()).GetArrayLength());
    }

    [Fact]
    public async Task Tampered_state_and_replayed_codes_are_refused()
    {
        await using var idp = await FakeOidcProvider.StartAsync();
        await using var app = await StartAppAsync(idp);
        using var client = app.CreateClient();
        var start = await (await client.GetAsync($"/api/auth/oidc/corp/login?redirect_uri={Uri.EscapeDataString(Redirect)}", Ct)).ReadJsonAsync();
        var stateToken = start.GetProperty("state_token").GetString();
        var (code, state) = idp.Authorize(start.GetProperty("authorization_url").GetString()!, "sub-x", "x@corp.example");

        await (await client.PostJsonAsync("/api/auth/oidc/corp/callback", new { code, state = "forged", state_token = stateToken, redirect_uri = Redirect }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "state");
        await (await client.PostJsonAsync("/api/auth/oidc/corp/callback", new { code, state, state_token = "garbage", redirect_uri = Redirect }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "state_token");
        Assert.Equal(HttpStatusCode.OK, (await client.PostJsonAsync("/api/auth/oidc/corp/callback", new { code, state, state_token = stateToken, redirect_uri = Redirect })).StatusCode);
        await (await client.PostJsonAsync("/api/auth/oidc/corp/callback", new { code, state, state_token = stateToken, redirect_uri = Redirect }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "refused");
        await (await client.GetAsync("/api/auth/oidc/nope/login?redirect_uri=http://x", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
