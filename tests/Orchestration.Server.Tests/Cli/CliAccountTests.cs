using System.Text.Json;
using Orchestration.Server.Tests.Plans;

namespace Orchestration.Server.Tests.Cli;

/// <summary>`orch me`, `orch keys`, `orch usage` and `orch services` against a real server, as tables and as the API's JSON.</summary>
[Collection(nameof(CliTests))]
public sealed class CliAccountTests(CliAccountsFixture server) : IClassFixture<CliAccountsFixture>
{
    private const string UnknownId = "0123456789abcdef0123456789abcdef";

    [Fact]
    public async Task Me_shows_the_signed_in_account_and_its_json_is_the_apis()
    {
        var text = (await server.UserHome.RunAsync("me")).Succeeded().Output;
        var json = JsonDocument.Parse((await server.UserHome.RunAsync("me", "--json")).Succeeded().Output).RootElement;

        Assert.StartsWith("cli-user@example.com (user)\n", text, StringComparison.Ordinal);
        Assert.Contains($"id:        {server.User.Id}\n", text, StringComparison.Ordinal);
        Assert.Contains("password:  yes\n", text, StringComparison.Ordinal);
        Assert.Equal((server.User.Id, "user", true), (json.GetProperty("id").GetString(), json.GetProperty("role").GetString(), json.GetProperty("has_password").GetBoolean()));
        Assert.Equal(JsonValueKind.Array, json.GetProperty("linked_providers").ValueKind);
        using var nobody = CliHome.For(server.App, server.User with { AccessToken = "not-a-token", RefreshToken = "not-a-token" });
        (await nobody.RunAsync("me")).Failed("401", "orch login");
    }

    [Fact]
    public async Task Keys_are_created_once_listed_and_revoked_and_a_new_key_signs_in()
    {
        var created = (await server.UserHome.RunAsync("keys", "create", "ci runner")).Succeeded().Output.Split('\n');
        var key = created[0];
        Assert.Matches("^orch_[0-9a-f]{64}$", key);
        Assert.Matches("^id [0-9a-f]{32}, name ci runner: store the key now", created[1]);
        var id = created[1][3..35];

        var row = Assert.Single((await server.UserHome.RunAsync("keys")).Succeeded().Rows, r => r.StartsWith(id, StringComparison.Ordinal));
        Assert.Matches($@"^{id}\s+orch_\w+\s+true\s+\d{{4}}-\d\d-\d\d \d\d:\d\d:\d\d\s+-\s+ci runner$", row);
        var listed = JsonDocument.Parse((await server.UserHome.RunAsync("keys", "--json")).Succeeded().Output).RootElement
            .EnumerateArray().Single(k => k.GetProperty("id").GetString() == id);
        Assert.Equal(["id", "key_prefix", "name", "is_active", "created_at", "last_used_at"], listed.EnumerateObject().Select(p => p.Name));
        Environment.SetEnvironmentVariable("ORCH_TOKEN", key);
        try
        {
            Assert.StartsWith("cli-user@example.com", (await server.UserHome.RunAsync("me")).Succeeded().Output, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("ORCH_TOKEN", null);
        }

        Assert.Equal($"{id} revoked\n", (await server.UserHome.RunAsync("keys", "revoke", id)).Succeeded().Output);
        Assert.Contains("false", Assert.Single((await server.UserHome.RunAsync("keys")).Succeeded().Rows, r => r.StartsWith(id, StringComparison.Ordinal)),
            StringComparison.Ordinal);
        (await server.UserHome.RunAsync("keys", "revoke", UnknownId)).Failed("404");
        (await server.UserHome.RunAsync("keys", "create", new string('k', 101))).Failed("422");
    }

    [Fact]
    public async Task Usage_shows_spend_by_model_day_and_project_and_json_keeps_the_apis_fields()
    {
        var project = await PlanningApp.CreateProjectAsync(server.User.Client, "[R1] Write hello.py that prints a greeting.", "L1");
        await PlanningApp.PlannedAsync(server.User.Client, project);

        var summary = (await server.UserHome.RunAsync("usage")).Succeeded().Output;
        var summaryJson = JsonDocument.Parse((await server.UserHome.RunAsync("usage", "--project", project, "--json")).Succeeded().Output).RootElement;
        var daily = (await server.UserHome.RunAsync("usage", "daily", "--days", "3")).Succeeded();
        var dailyJson = JsonDocument.Parse((await server.UserHome.RunAsync("usage", "daily", "--json")).Succeeded().Output).RootElement;
        var projects = (await server.UserHome.RunAsync("usage", "projects")).Succeeded();
        var projectsJson = JsonDocument.Parse((await server.UserHome.RunAsync("usage", "projects", "--json")).Succeeded().Output).RootElement;
        var budgetJson = JsonDocument.Parse((await server.UserHome.RunAsync("usage", "budget", "--json")).Succeeded().Output).RootElement;
        var accuracy = (await server.UserHome.RunAsync("usage", "accuracy")).Succeeded().Output;

        Assert.Matches(@"^total: \$\d+\.\d{4} over \d+ calls, [\d,]+ prompt \+ [\d,]+ completion tokens\n", summary);
        Assert.Matches(@"\nMODEL\s+CALLS\s+PROMPT\s+COMPLETION\s+COST\n", summary);
        Assert.Matches(@"\nPROVIDER\s+CALLS\s+COST\nsimulated\s+\d+\s+\$", summary);
        Assert.True(summaryJson.GetProperty("api_call_count").GetInt64() >= 1);
        Assert.Equal(JsonValueKind.Object, summaryJson.GetProperty("by_model").ValueKind);
        Assert.StartsWith("DATE", daily.Output, StringComparison.Ordinal);
        Assert.Contains(DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            daily.Output, StringComparison.Ordinal);
        Assert.True(dailyJson.EnumerateArray().First().TryGetProperty("api_calls", out _));
        Assert.Matches($@"^{project}\s+\d+\s+", Assert.Single(projects.Rows));
        Assert.Equal(project, Assert.Single(projectsJson.EnumerateArray()).GetProperty("project_id").GetString());
        Assert.Equal("own", budgetJson.GetProperty("scope").GetString());
        Assert.StartsWith("runs: ", accuracy, StringComparison.Ordinal);
        (await server.UserHome.RunAsync("usage", "--project", UnknownId)).Failed("404");
        (await server.UserHome.RunAsync("usage", "daily", "--days", "91")).Failed("422");
    }

    [Fact]
    public async Task Services_lists_each_probe_and_one_by_id()
    {
        var table = (await server.UserHome.RunAsync("services")).Succeeded();
        var one = JsonDocument.Parse((await server.UserHome.RunAsync("services", "simulated", "--json")).Succeeded().Output).RootElement;
        var all = JsonDocument.Parse((await server.UserHome.RunAsync("services", "--json")).Succeeded().Output).RootElement;

        Assert.Matches(@"^ID\s+CATEGORY\s+STATUS\s+METHOD\s+NAME\s+DETAILS\n", table.Output);
        Assert.Matches(@"^simulated\s+llm\s+online\s+.*active=true", Assert.Single(table.Rows, r => r.StartsWith("simulated", StringComparison.Ordinal)));
        Assert.Contains(table.Rows, r => r.StartsWith("database ", StringComparison.Ordinal));
        Assert.True(one.GetProperty("details").GetProperty("active").GetBoolean());
        Assert.Contains(all.EnumerateArray(), s => s.GetProperty("id").GetString() == "database");
        (await server.UserHome.RunAsync("services", "nothing-here")).Failed("404");
    }
}
