using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.Core.Domain;
using Orchestration.Engine.Budget;
using Orchestration.Engine.Models;
using Orchestration.Server.Tests.Infrastructure;
using Orchestration.Storage.Usage;

namespace Orchestration.Server.Tests.Usage;

/// <summary>The usage endpoints over usage written by the real ledger of a running server.</summary>
public sealed class UsageApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_user_sees_only_their_own_usage_and_an_admin_sees_everyones()
    {
        await using var app = await OrchestrationApp.StartAsync();
        var admin = await app.CreateUserAsync();
        var alice = await app.CreateUserAsync();
        var bob = await app.CreateUserAsync();
        Assert.Equal(("admin", "user"), (admin.Role, alice.Role));
        var aliceProject = await CreateProjectAsync(alice, "Alice's site");
        var bobProject = await CreateProjectAsync(bob, "Bob's secret");
        await SpendAsync(app, alice.Id, aliceProject, 0.25m, "claude-sonnet-4-6");
        await SpendAsync(app, alice.Id, aliceProject, 0.05m, "claude-haiku-4-5-20251001", provider: "simulated");
        await SpendAsync(app, bob.Id, bobProject, 1.5m, "claude-sonnet-4-6");

        var mine = await (await alice.Client.GetAsync("/api/usage/summary", Ct)).ReadJsonAsync();
        Assert.Equal(0.3, mine.GetProperty("total_cost_usd").GetDouble(), 9);
        Assert.Equal(2, mine.GetProperty("api_call_count").GetInt64());
        Assert.Equal(2000, mine.GetProperty("total_prompt_tokens").GetInt64());
        Assert.Equal(400, mine.GetProperty("total_completion_tokens").GetInt64());
        var sonnet = mine.GetProperty("by_model").GetProperty("claude-sonnet-4-6");
        Assert.Equal((1, 1000, 200, 0.25), (sonnet.GetProperty("calls").GetInt64(), sonnet.GetProperty("prompt_tokens").GetInt64(),
            sonnet.GetProperty("completion_tokens").GetInt64(), sonnet.GetProperty("cost_usd").GetDouble()));
        Assert.Equal(0.05, mine.GetProperty("by_provider").GetProperty("simulated").GetProperty("cost_usd").GetDouble(), 9);
        Assert.False(mine.GetProperty("by_provider").TryGetProperty("bob", out _));

        var byProject = await (await alice.Client.GetAsync("/api/usage/by-project", Ct)).ReadJsonAsync();
        var only = Assert.Single(byProject.EnumerateArray());
        Assert.Equal(aliceProject, only.GetProperty("project_id").GetString());
        Assert.Equal("Alice's site", only.GetProperty("project_name").GetString());
        Assert.Equal(2, only.GetProperty("api_calls").GetInt64());

        var everyone = await (await admin.Client.GetAsync("/api/usage/summary", Ct)).ReadJsonAsync();
        Assert.Equal(1.8, everyone.GetProperty("total_cost_usd").GetDouble(), 9);
        var all = await (await admin.Client.GetAsync("/api/usage/by-project", Ct)).ReadJsonAsync();
        Assert.Equal(["Bob's secret", "Alice's site"], all.EnumerateArray().Select(p => p.GetProperty("project_name").GetString()));
        var adminOfBob = await (await admin.Client.GetAsync($"/api/usage/summary?project_id={bobProject}", Ct)).ReadJsonAsync();
        Assert.Equal(1.5, adminOfBob.GetProperty("total_cost_usd").GetDouble(), 9);
    }

    [Fact]
    public async Task Another_users_project_is_not_found_and_a_deleted_own_project_keeps_its_history()
    {
        await using var app = await OrchestrationApp.StartAsync();
        await app.CreateUserAsync();
        var alice = await app.CreateUserAsync();
        var bob = await app.CreateUserAsync();
        var bobProject = await CreateProjectAsync(bob, "Bob's");
        var aliceProject = await CreateProjectAsync(alice, "Short-lived");
        await SpendAsync(app, alice.Id, aliceProject, 0.4m, "claude-sonnet-4-6");

        await (await alice.Client.GetAsync($"/api/usage/summary?project_id={bobProject}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await alice.Client.GetAsync("/api/usage/summary?project_id=nope", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal(HttpStatusCode.NoContent, (await alice.Client.DeleteAsync($"/api/projects/{aliceProject}", Ct)).StatusCode);
        var history = await (await alice.Client.GetAsync($"/api/usage/summary?project_id={aliceProject}", Ct)).ReadJsonAsync();
        Assert.Equal(0.4, history.GetProperty("total_cost_usd").GetDouble(), 9);
        var byProject = await (await alice.Client.GetAsync("/api/usage/by-project", Ct)).ReadJsonAsync();
        Assert.Equal("Short-lived", Assert.Single(byProject.EnumerateArray()).GetProperty("project_name").GetString());
    }

    [Fact]
    public async Task Daily_usage_is_oldest_first_ending_today_and_days_must_be_1_to_90()
    {
        await using var app = await OrchestrationApp.StartAsync();
        var user = await app.CreateUserAsync();
        await SpendAsync(app, user.Id, null, 0.125m, "claude-sonnet-4-6");

        var days = (await (await user.Client.GetAsync("/api/usage/daily?days=3", Ct)).ReadJsonAsync()).EnumerateArray().ToList();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Assert.Equal(
            [today.AddDays(-2).ToString("yyyy-MM-dd"), today.AddDays(-1).ToString("yyyy-MM-dd"), today.ToString("yyyy-MM-dd")],
            days.Select(d => d.GetProperty("date").GetString()));
        Assert.Equal((0L, 0.0), (days[0].GetProperty("api_calls").GetInt64(), days[0].GetProperty("cost_usd").GetDouble()));
        Assert.Equal((1L, 0.125, 1000L, 200L), (days[2].GetProperty("api_calls").GetInt64(), days[2].GetProperty("cost_usd").GetDouble(),
            days[2].GetProperty("prompt_tokens").GetInt64(), days[2].GetProperty("completion_tokens").GetInt64()));
        Assert.Equal(30, (await (await user.Client.GetAsync("/api/usage/daily", Ct)).ReadJsonAsync()).GetArrayLength());
        Assert.Equal(90, (await (await user.Client.GetAsync("/api/usage/daily?days=90", Ct)).ReadJsonAsync()).GetArrayLength());

        foreach (var bad in new[] { "0", "91", "-1", "abc", "2.5" })
        {
            var problem = await (await user.Client.GetAsync($"/api/usage/daily?days={bad}", Ct))
                .AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "between 1 and 90");
            Assert.Equal(JsonValueKind.Array, problem.GetProperty("errors").GetProperty("days").ValueKind);
        }
    }

    [Fact]
    public async Task The_budget_shows_the_global_caps_with_spend_and_what_is_reserved()
    {
        await using var app = await OrchestrationApp.StartAsync("""{ "budget": { "daily_limit_usd": 2.0, "monthly_limit_usd": 20.0 } }""");
        var user = await app.CreateUserAsync();
        await SpendAsync(app, user.Id, null, 0.5m, "claude-sonnet-4-6");
        var ledger = app.Services.GetRequiredService<IBudgetLedger>();
        await ledger.ReserveAsync(new ModelCallContext(user.Id, null, null, CallPurpose.Execution), 0.25m, Ct);

        var budget = await (await user.Client.GetAsync("/api/usage/budget", Ct)).ReadJsonAsync();

        Assert.Equal(0.5, budget.GetProperty("daily_spent_usd").GetDouble());
        Assert.Equal(2.0, budget.GetProperty("daily_limit_usd").GetDouble());
        Assert.Equal(25, budget.GetProperty("daily_pct").GetDouble());
        Assert.Equal(0.5, budget.GetProperty("monthly_spent_usd").GetDouble());
        Assert.Equal(20.0, budget.GetProperty("monthly_limit_usd").GetDouble());
        Assert.Equal(2.5, budget.GetProperty("monthly_pct").GetDouble());
        Assert.Equal(0.25, budget.GetProperty("reserved_usd").GetDouble());
    }

    [Fact]
    public async Task A_user_sees_their_own_spend_and_the_room_the_caps_leave_but_not_everyones_spend()
    {
        await using var app = await OrchestrationApp.StartAsync("""{ "budget": { "daily_limit_usd": 2.0, "monthly_limit_usd": 20.0, "warn_at_pct": 80 } }""");
        var admin = await app.CreateUserAsync();
        var user = await app.CreateUserAsync();
        await SpendAsync(app, admin.Id, null, 1.5m, "claude-sonnet-4-6");
        await SpendAsync(app, user.Id, null, 0.25m, "claude-sonnet-4-6");

        var mine = await (await user.Client.GetAsync("/api/usage/budget", Ct)).ReadJsonAsync();
        var all = await (await admin.Client.GetAsync("/api/usage/budget", Ct)).ReadJsonAsync();

        Assert.Equal("own", mine.GetProperty("scope").GetString());
        Assert.Equal(0.25, mine.GetProperty("daily_spent_usd").GetDouble());
        Assert.Equal(0.25, mine.GetProperty("monthly_spent_usd").GetDouble());
        Assert.Equal(88, mine.GetProperty("daily_pct").GetDouble()); // $1.75 of $2, in whole percent
        Assert.Equal("warning", mine.GetProperty("daily_level").GetString());
        Assert.Equal("ok", mine.GetProperty("monthly_level").GetString());
        Assert.Equal("installation", all.GetProperty("scope").GetString());
        Assert.Equal(1.75, all.GetProperty("daily_spent_usd").GetDouble());
        Assert.Equal(87.5, all.GetProperty("daily_pct").GetDouble());
    }

    private static async Task<string> CreateProjectAsync(TestUser user, string name) =>
        (await (await user.Client.PostJsonAsync("/api/projects", new { name, requirements = "Do it." })).ReadJsonAsync(HttpStatusCode.Created))
        .GetProperty("id").GetString()!;

    private static async Task SpendAsync(OrchestrationApp app, string userId, string? projectId, decimal usd, string model, string provider = "anthropic")
    {
        var ledger = app.Services.GetRequiredService<IBudgetLedger>();
        var reservation = await ledger.ReserveAsync(new ModelCallContext(userId, projectId, null, CallPurpose.Execution), usd, Ct);
        await ledger.SettleAsync(reservation,
            new UsageRecord(userId, projectId, null, CallPurpose.Execution, provider, model, 1000, 200, 0, 0, usd, 40, "ok"), Ct);
    }
}
