using System.Text.Json;

namespace Orchestration.Server.Tests.Cli;

/// <summary>`orch admin` users, role, activate, deactivate, stats and analytics: the admin's view; anyone else's 403.</summary>
[Collection(nameof(CliTests))]
public sealed class CliAdminTests(CliAccountsFixture server) : IClassFixture<CliAccountsFixture>
{
    [Fact]
    public async Task An_admin_lists_users_changes_a_role_and_deactivates_and_activates_by_email()
    {
        var users = (await server.AdminHome.RunAsync("admin", "users")).Succeeded();
        var json = JsonDocument.Parse((await server.AdminHome.RunAsync("admin", "users", "--json")).Succeeded().Output).RootElement;

        Assert.Matches(@"^ID\s+EMAIL\s+ROLE\s+ACTIVE\s+LAST LOGIN\s+PROJECTS\s+NAME\n", users.Output);
        Assert.Matches($@"^{server.User.Id}\s+cli-user@example\.com\s+user\s+true\s+", Assert.Single(users.Rows, r => r.Contains("cli-user@", StringComparison.Ordinal)));
        Assert.Contains(json.EnumerateArray(), u => u.GetProperty("email").GetString() == "cli-admin@example.com" && u.GetProperty("role").GetString() == "admin");

        Assert.Equal("cli-user@example.com: role admin, active\n", (await server.AdminHome.RunAsync("admin", "role", "cli-user@example.com", "admin")).Succeeded().Output);
        Assert.Equal("cli-user@example.com: role user, active\n", (await server.AdminHome.RunAsync("admin", "role", server.User.Id, "user")).Succeeded().Output);
        Assert.Equal("cli-user@example.com: role user, deactivated\n", (await server.AdminHome.RunAsync("admin", "deactivate", "cli-user@example.com")).Succeeded().Output);
        (await server.UserHome.RunAsync("me")).Failed("401");
        Assert.Equal("cli-user@example.com: role user, active\n", (await server.AdminHome.RunAsync("admin", "activate", "cli-user@example.com")).Succeeded().Output);

        (await server.AdminHome.RunAsync("admin", "deactivate", "nobody@example.com")).Failed("No user has the email nobody@example.com.");
        (await server.AdminHome.RunAsync("admin", "deactivate", server.Admin.Id)).Failed("409");
        Assert.Equal(2, (await server.AdminHome.RunAsync("admin", "role", server.User.Id, "owner")).Exit);
    }

    [Fact]
    public async Task Stats_and_analytics_are_readable_and_their_json_is_the_apis()
    {
        var stats = (await server.AdminHome.RunAsync("admin", "stats")).Succeeded().Output;
        var statsJson = JsonDocument.Parse((await server.AdminHome.RunAsync("admin", "stats", "--json")).Succeeded().Output).RootElement;
        var outcomes = (await server.AdminHome.RunAsync("admin", "analytics", "task-outcomes", "--days", "7")).Succeeded().Output;
        var overview = (await server.AdminHome.RunAsync("admin", "analytics", "usage-overview")).Succeeded().Output;
        var efficiency = JsonDocument.Parse((await server.AdminHome.RunAsync("admin", "analytics", "efficiency", "--json")).Succeeded().Output).RootElement;

        Assert.Matches(@"^users:    \d+ active of \d+\nprojects: \d+ ", stats);
        Assert.Contains("\nspend:    $", stats, StringComparison.Ordinal);
        Assert.True(statsJson.GetProperty("total_users").GetInt32() >= 2);
        Assert.StartsWith("\nby_tier:\n", outcomes, StringComparison.Ordinal);
        Assert.Contains("\nverification_by_tier:\n", outcomes, StringComparison.Ordinal);
        Assert.Matches(@"summary:\nTOTAL_COST_USD\s+TOTAL_API_CALLS\s+TOTAL_TOKENS\s+ACTIVE_PROJECTS\n\$\d+\.\d{4}\s+\d+", overview);
        Assert.True(efficiency.TryGetProperty("checkpoint_count", out _));
        (await server.AdminHome.RunAsync("admin", "analytics", "efficiency", "--days", "400")).Failed("422");
        var costs = (await server.AdminHome.RunAsync("admin", "cost-report", "--from", "2026-01-01", "--to", "2026-01-31")).Succeeded().Output;
        var costsJson = JsonDocument.Parse((await server.AdminHome.RunAsync("admin", "cost-report", "--json")).Succeeded().Output).RootElement;
        Assert.StartsWith("2026-01-01 to 2026-01-31: actual $", costs, StringComparison.Ordinal);
        Assert.Matches(@"\nSCENARIO\s+TOTAL\s+SAVING\s+SAVING %\n", costs);
        Assert.True(costsJson.TryGetProperty("scenarios", out _));
        (await server.AdminHome.RunAsync("admin", "cost-report", "--from", "yesterday")).Failed("422");
        Assert.Equal(2, (await server.AdminHome.RunAsync("admin", "analytics", "everything")).Exit);
    }

    [Fact]
    public async Task Someone_without_the_admin_role_gets_403_on_one_line()
    {
        (await server.UserHome.RunAsync("admin", "users")).Failed("403");
        (await server.UserHome.RunAsync("admin", "stats", "--json")).Failed("403");
        (await server.UserHome.RunAsync("admin", "activate", server.Admin.Id)).Failed("403");
        (await server.UserHome.RunAsync("admin", "cost-report")).Failed("403");
    }
}
