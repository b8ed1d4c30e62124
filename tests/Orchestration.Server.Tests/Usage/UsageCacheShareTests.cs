using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.Core.Domain;
using Orchestration.Engine.Budget;
using Orchestration.Engine.Models;
using Orchestration.Server.Tests.Infrastructure;
using Orchestration.Storage.Usage;

namespace Orchestration.Server.Tests.Usage;

/// <summary>The cache-read share of the prompt tokens in the usage summary and per project.</summary>
public sealed class UsageCacheShareTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Summary_and_by_project_report_cache_reads_as_a_share_of_prompt_tokens()
    {
        await using var app = await OrchestrationApp.StartAsync();
        var alice = await app.CreateUserAsync();
        var cached = await CreateProjectAsync(alice, "Cached");
        var cold = await CreateProjectAsync(alice, "Cold");
        // Prompt counts include the cached parts: 1,000 of which 600 read and 100 written; then 1,000 of which 900 read.
        await SpendAsync(app, alice.Id, cached, prompt: 1_000, cacheWrite: 100, cacheRead: 600);
        await SpendAsync(app, alice.Id, cached, prompt: 1_000, cacheWrite: 0, cacheRead: 900);
        await SpendAsync(app, alice.Id, cold, prompt: 2_000, cacheWrite: 0, cacheRead: 0);

        var summary = await (await alice.Client.GetAsync("/api/usage/summary", Ct)).ReadJsonAsync();
        Assert.Equal((4_000, 1_500, 100), (summary.GetProperty("total_prompt_tokens").GetInt64(), summary.GetProperty("cache_read_tokens").GetInt64(),
            summary.GetProperty("cache_write_tokens").GetInt64()));
        Assert.Equal(0.375, summary.GetProperty("cache_read_share").GetDouble());
        var one = await (await alice.Client.GetAsync($"/api/usage/summary?project_id={cached}", Ct)).ReadJsonAsync();
        Assert.Equal(0.75, one.GetProperty("cache_read_share").GetDouble());

        var byProject = (await (await alice.Client.GetAsync("/api/usage/by-project", Ct)).ReadJsonAsync()).EnumerateArray()
            .ToDictionary(p => p.GetProperty("project_name").GetString()!, p => p.GetProperty("cache_read_share").GetDouble());
        Assert.Equal(new Dictionary<string, double> { ["Cached"] = 0.75, ["Cold"] = 0 }, byProject);
    }

    private static async Task<string> CreateProjectAsync(TestUser user, string name) =>
        (await (await user.Client.PostJsonAsync("/api/projects", new { name, requirements = "Do it." })).ReadJsonAsync(HttpStatusCode.Created))
        .GetProperty("id").GetString()!;

    private static async Task SpendAsync(OrchestrationApp app, string userId, string projectId, long prompt, long cacheWrite, long cacheRead)
    {
        var ledger = app.Services.GetRequiredService<IBudgetLedger>();
        var reservation = await ledger.ReserveAsync(new ModelCallContext(userId, projectId, null, CallPurpose.Execution), 0.01m, Ct);
        await ledger.SettleAsync(reservation, new UsageRecord(userId, projectId, null, CallPurpose.Execution, "anthropic", "claude-sonnet-4-6",
            prompt, 100, cacheWrite, cacheRead, 0.01m, 40, "ok"), Ct);
    }
}
