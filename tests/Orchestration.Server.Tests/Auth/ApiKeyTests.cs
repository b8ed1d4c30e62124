using System.Net;
using System.Text.RegularExpressions;
using Orchestration.Server.Tests.Infrastructure;

namespace Orchestration.Server.Tests.Auth;

public sealed partial class ApiKeyTests(OrchestrationApp app) : IClassFixture<OrchestrationApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_api_key_works_as_a_bearer_token_until_revoked()
    {
        var user = await app.CreateUserAsync();
        var created = await (await user.Client.PostJsonAsync("/api/auth/api-keys", new { name = "ci" })).ReadJsonAsync(HttpStatusCode.Created);
        var key = created.GetProperty("key").GetString()!;
        Assert.Matches(KeyFormat(), key);
        Assert.StartsWith(created.GetProperty("key_prefix").GetString()!, key, StringComparison.Ordinal);

        using var keyClient = app.CreateClient(key);
        var me = await (await keyClient.GetAsync("/api/auth/me", Ct)).ReadJsonAsync();
        Assert.Equal(user.Id, me.GetProperty("id").GetString());

        var list = await (await user.Client.GetAsync("/api/auth/api-keys", Ct)).ReadJsonAsync();
        var listed = Assert.Single(list.EnumerateArray());
        Assert.False(listed.TryGetProperty("key", out _));
        Assert.True(listed.GetProperty("is_active").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Number, listed.GetProperty("last_used_at").ValueKind);

        var id = created.GetProperty("id").GetString();
        var revoked = await (await user.Client.DeleteAsync($"/api/auth/api-keys/{id}", Ct)).ReadJsonAsync();
        Assert.Equal("revoked", revoked.GetProperty("status").GetString());
        await (await keyClient.GetAsync("/api/auth/me", Ct)).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Another_users_key_cannot_be_revoked_and_unknown_keys_are_refused()
    {
        var owner = await app.CreateUserAsync();
        var other = await app.CreateUserAsync();
        var created = await (await owner.Client.PostJsonAsync("/api/auth/api-keys", new { name = "mine" })).ReadJsonAsync(HttpStatusCode.Created);
        await (await other.Client.DeleteAsync($"/api/auth/api-keys/{created.GetProperty("id").GetString()}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        using var forged = app.CreateClient("orch_" + new string('0', 64));
        await (await forged.GetAsync("/api/projects", Ct)).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [GeneratedRegex("^orch_[0-9a-f]{64}$")]
    private static partial Regex KeyFormat();
}
