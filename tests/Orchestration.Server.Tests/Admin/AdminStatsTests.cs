using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.Core.Domain;
using Orchestration.Engine.Budget;
using Orchestration.Engine.Models;
using Orchestration.Server.Tests.Infrastructure;
using Orchestration.Storage.Usage;

namespace Orchestration.Server.Tests.Admin;

public sealed class AdminStatsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Stats_and_usage_analytics_add_up_across_users()
    {
        await using var app = await OrchestrationApp.StartAsync();
        var admin = await app.CreateUserAsync();
        var user = await app.CreateUserAsync();
        var project = (await (await user.Client.PostJsonAsync("/api/projects", new { name = "spender", requirements = "r" })).ReadJsonAsync(HttpStatusCode.Created))
            .GetProperty("id").GetString()!;
        var ledger = app.Services.GetRequiredService<IBudgetLedger>();
        async Task SpendAsync(CallPurpose purpose, string provider, string model, decimal usd)
        {
            var context = new ModelCallContext(user.Id, project, null, purpose);
            var reservation = await ledger.ReserveAsync(context, usd, Ct);
            await ledger.SettleAsync(reservation, new UsageRecord(user.Id, project, null, purpose, provider, model, 1000, 200, 0, 0, usd, 12, "ok"), Ct);
        }
        await SpendAsync(CallPurpose.Planning, "anthropic", "claude-sonnet-4-6", 0.03m);
        await SpendAsync(CallPurpose.Execution, "anthropic", "claude-haiku-4-5-20251001", 0.01m);

        var stats = await (await admin.Client.GetAsync("/api/admin/stats", Ct)).ReadJsonAsync();
        Assert.Equal(2, stats.GetProperty("total_users").GetInt32());
        Assert.Equal(1, stats.GetProperty("projects_by_status").GetProperty("draft").GetInt32());
        Assert.Equal(0.04, stats.GetProperty("total_spend_usd").GetDouble(), 9);
        Assert.Equal(0.03, stats.GetProperty("spend_by_model").GetProperty("claude-sonnet-4-6").GetDouble(), 9);
        Assert.Equal(0, stats.GetProperty("task_completion_rate").GetDouble());

        var overview = await (await admin.Client.GetAsync("/api/admin/analytics/usage-overview?days=7", Ct)).ReadJsonAsync();
        Assert.Equal(2, overview.GetProperty("summary").GetProperty("total_api_calls").GetInt32());
        Assert.Equal(2400, overview.GetProperty("summary").GetProperty("total_tokens").GetInt32());
        var planning = overview.GetProperty("by_purpose").EnumerateArray().Single(p => p.GetProperty("purpose").GetString() == "planning");
        Assert.Equal(75, planning.GetProperty("pct_of_total").GetDouble(), 6);
        Assert.Equal("anthropic", overview.GetProperty("by_model")[0].GetProperty("provider").GetString());

        var breakdown = await (await admin.Client.GetAsync("/api/admin/analytics/cost-breakdown", Ct)).ReadJsonAsync();
        Assert.Equal("spender", breakdown.GetProperty("by_project")[0].GetProperty("project_name").GetString());
        Assert.Equal(1, breakdown.GetProperty("daily_trend").GetArrayLength());
        Assert.Equal(0.04, breakdown.GetProperty("total_cost_usd").GetDouble(), 9);

        var outcomes = await (await admin.Client.GetAsync("/api/admin/analytics/task-outcomes", Ct)).ReadJsonAsync();
        Assert.Equal(0, outcomes.GetProperty("by_tier").GetArrayLength());
        var efficiency = await (await admin.Client.GetAsync("/api/admin/analytics/efficiency", Ct)).ReadJsonAsync();
        Assert.Equal(0, efficiency.GetProperty("checkpoint_count").GetInt32());

        await (await admin.Client.GetAsync("/api/admin/analytics/usage-overview?days=0", Ct)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "days");
        await (await user.Client.GetAsync("/api/admin/stats", Ct)).AssertProblemAsync(HttpStatusCode.Forbidden);
    }
}
