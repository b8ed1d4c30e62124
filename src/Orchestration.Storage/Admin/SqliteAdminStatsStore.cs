using Orchestration.Storage.Sqlite;

namespace Orchestration.Storage.Admin;

internal sealed class SqliteAdminStatsStore(SqliteDatabase database) : IAdminStatsStore
{
    public Task<SystemStats> StatsAsync(CancellationToken cancellationToken) =>
        database.ReadAsync(AdminStatsQueries.StatsAsync, cancellationToken);

    public Task<UsageOverview> UsageOverviewAsync(double since, CancellationToken cancellationToken) =>
        database.ReadAsync(c => AdminStatsQueries.UsageOverviewAsync(c, since), cancellationToken);

    public Task<CostBreakdown> CostBreakdownAsync(double since, CancellationToken cancellationToken) =>
        database.ReadAsync(c => AdminStatsQueries.CostBreakdownAsync(c, SqlDialect.Sqlite, since), cancellationToken);

    public Task<IReadOnlyList<TierOutcome>> OutcomesByTierAsync(double since, CancellationToken cancellationToken) =>
        database.ReadAsync(c => AdminStatsQueries.OutcomesByTierAsync(c, since), cancellationToken);

    public async Task<Efficiency> EfficiencyAsync(double since, CancellationToken cancellationToken)
    {
        var tiers = await OutcomesByTierAsync(since, cancellationToken);
        return await database.ReadAsync(c => AdminStatsQueries.EfficiencyAsync(c, SqlDialect.Sqlite, tiers, since), cancellationToken);
    }
}
