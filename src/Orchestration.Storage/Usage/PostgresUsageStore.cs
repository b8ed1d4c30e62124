using Orchestration.Storage.Postgres;

namespace Orchestration.Storage.Usage;

internal sealed class PostgresUsageStore(PostgresDatabase database) : IUsageStore
{
    public Task<UsageSummary> GetSummaryAsync(string? userId, string? projectId, CancellationToken cancellationToken) =>
        database.ReadAsync(c => UsageQueries.SummaryAsync(c, userId, projectId, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<DailyUsage>> GetDailyAsync(string? userId, DateOnly firstDay, DateOnly lastDay, CancellationToken cancellationToken) =>
        database.ReadAsync(c => UsageQueries.DailyAsync(c, SqlDialect.Postgres, userId, firstDay, lastDay, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<ProjectUsage>> GetByProjectAsync(string? userId, CancellationToken cancellationToken) =>
        database.ReadAsync(c => UsageQueries.ByProjectAsync(c, userId, cancellationToken), cancellationToken);

    public Task<bool> CanSeeProjectAsync(string? userId, string projectId, CancellationToken cancellationToken) =>
        database.ReadAsync(c => UsageQueries.CanSeeProjectAsync(c, userId, projectId, cancellationToken), cancellationToken);
}
