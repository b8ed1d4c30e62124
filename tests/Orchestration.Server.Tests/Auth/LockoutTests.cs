using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orchestration.Server.Tests.Infrastructure;

namespace Orchestration.Server.Tests.Auth;

public sealed class LockoutTests
{
    [Fact]
    public async Task Repeated_failures_lock_the_account_until_the_window_passes()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await OrchestrationApp.StartAsync(
            """{ "auth": { "login_lockout_threshold": 3, "login_lockout_window_seconds": 60 } }""",
            services => services.AddSingleton<TimeProvider>(time));
        var user = await app.CreateUserAsync();
        using var client = app.CreateClient();
        var good = new { email = user.Email, password = user.Password };
        var bad = new { email = user.Email, password = "wrong-password" };

        for (var i = 0; i < 3; i++)
        {
            await (await client.PostJsonAsync("/api/auth/login", bad)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        }
        // Locked: even the right password is refused, with the same answer as any failure.
        await (await client.PostJsonAsync("/api/auth/login", good)).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid email or password");

        time.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(HttpStatusCode.OK, (await client.PostJsonAsync("/api/auth/login", good)).StatusCode);
    }

    [Fact]
    public async Task Failures_spread_beyond_the_window_do_not_lock()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await OrchestrationApp.StartAsync(
            """{ "auth": { "login_lockout_threshold": 2, "login_lockout_window_seconds": 60 } }""",
            services => services.AddSingleton<TimeProvider>(time));
        var user = await app.CreateUserAsync();
        using var client = app.CreateClient();

        await client.PostJsonAsync("/api/auth/login", new { email = user.Email, password = "wrong-password" });
        time.Advance(TimeSpan.FromSeconds(90));
        await client.PostJsonAsync("/api/auth/login", new { email = user.Email, password = "wrong-password" });
        Assert.Equal(HttpStatusCode.OK, (await client.PostJsonAsync("/api/auth/login", new { email = user.Email, password = user.Password })).StatusCode);
    }
}
