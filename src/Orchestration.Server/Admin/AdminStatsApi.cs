using Microsoft.AspNetCore.Http.HttpResults;
using Orchestration.Core.Domain;
using Orchestration.Server.Auth;
using Orchestration.Server.Infrastructure;
using Orchestration.Storage.Admin;

namespace Orchestration.Server.Admin;

/// <summary>System statistics and analytics for administrators (docs/api.md, Administration).</summary>
public static class AdminStatsApi
{
    public static IEndpointRouteBuilder MapAdminStats(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin").WithTags("Admin").RequireAuthorization(AuthServiceCollectionExtensions.AdminPolicy);
        group.MapGet("/stats", StatsAsync);
        group.MapGet("/analytics/usage-overview", async (int? days, IAdminStatsStore stats, TimeProvider time, CancellationToken ct) =>
            TypedResults.Ok(AdminStatsMapping.ToDto(await stats.UsageOverviewAsync(Since(days, time), ct))));
        group.MapGet("/analytics/cost-breakdown", async (int? days, IAdminStatsStore stats, TimeProvider time, CancellationToken ct) =>
            TypedResults.Ok(AdminStatsMapping.ToDto(await stats.CostBreakdownAsync(Since(days, time), ct))));
        group.MapGet("/analytics/task-outcomes", async (int? days, IAdminStatsStore stats, TimeProvider time, CancellationToken ct) =>
            TypedResults.Ok(AdminStatsMapping.ToOutcomesDto(await stats.OutcomesByTierAsync(Since(days, time), ct))));
        group.MapGet("/analytics/efficiency", async (int? days, IAdminStatsStore stats, TimeProvider time, CancellationToken ct) =>
            TypedResults.Ok(AdminStatsMapping.ToDto(await stats.EfficiencyAsync(Since(days, time), ct))));
        return app;
    }

    private static async Task<Ok<AdminStatsMapping.StatsDto>> StatsAsync(IAdminStatsStore stats, CancellationToken cancellationToken)
    {
        var s = await stats.StatsAsync(cancellationToken);
        var completed = s.TasksByStatus.GetValueOrDefault("completed");
        return TypedResults.Ok(new AdminStatsMapping.StatsDto(
            s.TotalUsers, s.ActiveUsers, s.TotalProjects, s.ProjectsByStatus, s.TotalTasks, s.TasksByStatus,
            s.TotalTasks == 0 ? 0 : (double)completed / s.TotalTasks, Money.ToJson(s.TotalSpendNanos),
            s.SpendByModelNanos.ToDictionary(x => x.Key, x => Money.ToJson(x.Value))));
    }

    /// <summary>The start of the window of <paramref name="days"/> days (1–365, default 30), in epoch seconds.</summary>
    private static double Since(int? days, TimeProvider time)
    {
        new Validator().Range("days", days, 1, 365).ThrowIfInvalid();
        return time.NowEpoch() - (days ?? 30) * 86_400.0;
    }
}
