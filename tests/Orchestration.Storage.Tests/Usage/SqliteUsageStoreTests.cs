using Orchestration.Core.Domain;
using Orchestration.Storage.Usage;

namespace Orchestration.Storage.Tests.Usage;

public sealed class SqliteUsageStoreTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset Noon = new(2025, 3, 14, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_summary_totals_the_callers_usage_by_model_and_provider()
    {
        await using var db = await UsageDatabase.CreateAsync();
        var me = await db.UserAsync();
        var other = await db.UserAsync();
        await db.UsageAsync(me, null, Noon, 0.10m, prompt: 100, completion: 10);
        await db.UsageAsync(me, null, Noon, 0.20m, "claude-haiku-4-5-20251001", prompt: 200, completion: 20);
        await db.UsageAsync(me, null, Noon, 0.05m, provider: "simulated", prompt: 50, completion: 5);
        await db.UsageAsync(other, null, Noon, 9m);

        var mine = await db.Store.GetSummaryAsync(me, null, None);

        Assert.Equal(Money.ToNanos(0.35m), mine.TotalCostNanos);
        Assert.Equal((350L, 35L, 3L), (mine.TotalPromptTokens, mine.TotalCompletionTokens, mine.ApiCallCount));
        Assert.Equal(new ModelUsage(2, 150, 15, Money.ToNanos(0.15m)), mine.ByModel["claude-sonnet-4-6"]);
        Assert.Equal(new ModelUsage(1, 200, 20, Money.ToNanos(0.20m)), mine.ByModel["claude-haiku-4-5-20251001"]);
        Assert.Equal(new ProviderUsage(2, Money.ToNanos(0.30m)), mine.ByProvider["anthropic"]);
        Assert.Equal(new ProviderUsage(1, Money.ToNanos(0.05m)), mine.ByProvider["simulated"]);

        var everyone = await db.Store.GetSummaryAsync(null, null, None);
        Assert.Equal(Money.ToNanos(9.35m), everyone.TotalCostNanos);
        Assert.Equal(4L, everyone.ApiCallCount);
    }

    [Fact]
    public async Task The_summary_of_one_project_counts_only_its_calls()
    {
        await using var db = await UsageDatabase.CreateAsync();
        var me = await db.UserAsync();
        var a = await db.ProjectAsync(me, "A");
        var b = await db.ProjectAsync(me, "B");
        await db.UsageAsync(me, a, Noon, 0.10m);
        await db.UsageAsync(me, b, Noon, 0.20m);

        var summary = await db.Store.GetSummaryAsync(me, a, None);

        Assert.Equal(Money.ToNanos(0.10m), summary.TotalCostNanos);
        Assert.Equal(1L, summary.ApiCallCount);
    }

    [Fact]
    public async Task Daily_usage_is_oldest_first_with_empty_days_as_zeros_in_utc_days()
    {
        await using var db = await UsageDatabase.CreateAsync();
        var me = await db.UserAsync();
        var other = await db.UserAsync();
        await db.UsageAsync(me, null, new DateTimeOffset(2025, 3, 12, 0, 0, 0, TimeSpan.Zero), 0.10m);
        await db.UsageAsync(me, null, new DateTimeOffset(2025, 3, 12, 23, 59, 59, TimeSpan.Zero), 0.05m);
        await db.UsageAsync(me, null, new DateTimeOffset(2025, 3, 14, 0, 30, 0, TimeSpan.FromHours(2)), 0.01m); // 13th, 22:30 UTC
        await db.UsageAsync(me, null, new DateTimeOffset(2025, 3, 11, 23, 59, 59, TimeSpan.Zero), 5m); // before the range
        await db.UsageAsync(other, null, new DateTimeOffset(2025, 3, 14, 1, 0, 0, TimeSpan.Zero), 7m);

        var days = await db.Store.GetDailyAsync(me, new DateOnly(2025, 3, 12), new DateOnly(2025, 3, 14), None);

        Assert.Equal(
            [
                new DailyUsage(new DateOnly(2025, 3, 12), 2, Money.ToNanos(0.15m), 200, 20),
                new DailyUsage(new DateOnly(2025, 3, 13), 1, Money.ToNanos(0.01m), 100, 10),
                new DailyUsage(new DateOnly(2025, 3, 14), 0, 0, 0, 0),
            ], days);
        var everyone = await db.Store.GetDailyAsync(null, new DateOnly(2025, 3, 14), new DateOnly(2025, 3, 14), None);
        Assert.Equal(Money.ToNanos(7m), Assert.Single(everyone).CostNanos);
    }

    [Fact]
    public async Task By_project_is_highest_cost_first_and_a_deleted_project_keeps_its_recorded_name()
    {
        await using var db = await UsageDatabase.CreateAsync();
        var me = await db.UserAsync();
        var other = await db.UserAsync();
        var cheap = await db.ProjectAsync(me, "Cheap");
        var dear = await db.ProjectAsync(me, "Old name");
        var deleted = await db.ProjectAsync(me, "Deleted");
        var theirs = await db.ProjectAsync(other, "Theirs");
        await db.UsageAsync(me, cheap, Noon, 0.01m);
        await db.UsageAsync(me, dear, Noon, 0.50m);
        await db.UsageAsync(me, dear, Noon, 0.25m);
        await db.UsageAsync(me, deleted, Noon, 0.10m);
        await db.UsageAsync(me, null, Noon, 3m);
        await db.UsageAsync(other, theirs, Noon, 1m);
        await db.ExecuteAsync("UPDATE projects SET name = 'New name' WHERE id = @dear", new { dear });
        await db.ExecuteAsync("DELETE FROM projects WHERE id = @deleted", new { deleted });

        var mine = await db.Store.GetByProjectAsync(me, None);

        Assert.Equal(
            [
                new ProjectUsage(dear, "New name", Money.ToNanos(0.75m), 200, 20, 2),
                new ProjectUsage(deleted, "Deleted", Money.ToNanos(0.10m), 100, 10, 1),
                new ProjectUsage(cheap, "Cheap", Money.ToNanos(0.01m), 100, 10, 1),
            ], mine);
        Assert.Equal(["Theirs", "New name", "Deleted", "Cheap"], (await db.Store.GetByProjectAsync(null, None)).Select(p => p.ProjectName));
    }

    [Fact]
    public async Task A_user_sees_usage_of_own_and_own_deleted_projects_only_and_an_admin_of_any()
    {
        await using var db = await UsageDatabase.CreateAsync();
        var me = await db.UserAsync();
        var other = await db.UserAsync();
        var mine = await db.ProjectAsync(me, "Mine");
        var theirs = await db.ProjectAsync(other, "Theirs");
        var deleted = await db.ProjectAsync(me, "Deleted");
        await db.UsageAsync(me, deleted, Noon, 0.1m);
        await db.ExecuteAsync("DELETE FROM projects WHERE id = @deleted", new { deleted });

        Assert.True(await db.Store.CanSeeProjectAsync(me, mine, None));
        Assert.True(await db.Store.CanSeeProjectAsync(me, deleted, None));
        Assert.False(await db.Store.CanSeeProjectAsync(me, theirs, None));
        Assert.False(await db.Store.CanSeeProjectAsync(other, deleted, None));
        Assert.False(await db.Store.CanSeeProjectAsync(me, "no-such-project", None));
        Assert.True(await db.Store.CanSeeProjectAsync(null, theirs, None));
        Assert.True(await db.Store.CanSeeProjectAsync(null, deleted, None));
        Assert.False(await db.Store.CanSeeProjectAsync(null, "no-such-project", None));
    }
}
