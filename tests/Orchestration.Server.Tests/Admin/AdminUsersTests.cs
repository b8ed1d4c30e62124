using System.Net;
using Orchestration.Server.Tests.Infrastructure;

namespace Orchestration.Server.Tests.Admin;

public sealed class AdminUsersTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Admins_list_users_and_deactivation_ends_sessions_and_keys_at_once()
    {
        await using var app = await OrchestrationApp.StartAsync();
        var admin = await app.CreateUserAsync();
        var user = await app.CreateUserAsync();
        await user.Client.PostJsonAsync("/api/projects", new { name = "p", requirements = "r" });
        var key = (await (await user.Client.PostJsonAsync("/api/auth/api-keys", new { name = "k" })).ReadJsonAsync(HttpStatusCode.Created))
            .GetProperty("key").GetString()!;

        Assert.Equal("admin", admin.Role);
        var users = await (await admin.Client.GetAsync("/api/admin/users", Ct)).ReadJsonAsync();
        var listed = users.EnumerateArray().Single(u => u.GetProperty("id").GetString() == user.Id);
        Assert.Equal(1, listed.GetProperty("project_count").GetInt32());

        await (await user.Client.GetAsync("/api/admin/users", Ct)).AssertProblemAsync(HttpStatusCode.Forbidden);

        var patched = await (await admin.Client.PatchJsonAsync($"/api/admin/users/{user.Id}", new { is_active = false })).ReadJsonAsync();
        Assert.False(patched.GetProperty("is_active").GetBoolean());
        await (await user.Client.GetAsync("/api/projects", Ct)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        using var keyClient = app.CreateClient(key);
        await (await keyClient.GetAsync("/api/projects", Ct)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        using var anonymous = app.CreateClient();
        await (await anonymous.PostJsonAsync("/api/auth/refresh", new { refresh_token = user.RefreshToken })).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.PostJsonAsync("/api/auth/login", new { email = user.Email, password = user.Password })).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_last_admin_cannot_be_demoted_or_disabled()
    {
        await using var app = await OrchestrationApp.StartAsync();
        var admin = await app.CreateUserAsync();
        var user = await app.CreateUserAsync();
        await (await admin.Client.PatchJsonAsync($"/api/admin/users/{admin.Id}", new { role = "user" })).AssertProblemAsync(HttpStatusCode.Conflict, "last active admin");
        await (await admin.Client.PatchJsonAsync($"/api/admin/users/{admin.Id}", new { is_active = false })).AssertProblemAsync(HttpStatusCode.Conflict);

        var promoted = await (await admin.Client.PatchJsonAsync($"/api/admin/users/{user.Id}", new { role = "admin" })).ReadJsonAsync();
        Assert.Equal("admin", promoted.GetProperty("role").GetString());
        var demoted = await (await admin.Client.PatchJsonAsync($"/api/admin/users/{admin.Id}", new { role = "user" })).ReadJsonAsync();
        Assert.Equal("user", demoted.GetProperty("role").GetString());
        await (await admin.Client.PatchJsonAsync($"/api/admin/users/{user.Id}", new { role = "superuser" })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "role");
        await (await admin.Client.PatchJsonAsync($"/api/admin/users/nope", new { role = "user" })).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Two_admins_stepping_down_at_once_leave_one_of_them_admin()
    {
        await using var app = await OrchestrationApp.StartAsync();
        var first = await app.CreateUserAsync();
        var second = await app.CreateUserAsync();
        await (await first.Client.PatchJsonAsync($"/api/admin/users/{second.Id}", new { role = "admin" })).ReadJsonAsync();
        using var anonymous = app.CreateClient();
        var login = await (await anonymous.PostJsonAsync("/api/auth/login", new { email = second.Email, password = second.Password })).ReadJsonAsync();
        using var secondAsAdmin = app.CreateClient(login.GetProperty("access_token").GetString()!);

        var responses = await Task.WhenAll(
            first.Client.PatchJsonAsync($"/api/admin/users/{first.Id}", new { role = "user" }),
            secondAsAdmin.PatchJsonAsync($"/api/admin/users/{second.Id}", new { role = "user" }));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
        var users = await (await (responses[0].IsSuccessStatusCode ? secondAsAdmin : first.Client).GetAsync("/api/admin/users", Ct)).ReadJsonAsync();
        Assert.Single(users.EnumerateArray(), u => u.GetProperty("role").GetString() == "admin");
    }
}
