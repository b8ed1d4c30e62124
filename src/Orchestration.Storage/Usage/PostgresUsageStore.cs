using Orchestration.Storage.Postgres;

namespace Orchestration.Storage.Usage;

internal sealed class PostgresUsageStore(PostgresDatabase database) : IUsageStore
{
    /// <summary>The UTC day (YYYY-MM-DD) of an epoch-seconds column.</summary>
    internal const string DayOf = "to_char(to_timestamp({0}) AT TIME ZONE 'UTC', 'YYYY-MM-DD')";

    public Task<UsageSummary> GetSummaryAsync(string? userId, string? projectId, CancellationToken cancellationToken) =>
        database.ReadAsync(c => UsageQueries.SummaryAsync(c, userId, projectId, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<DailyUsage>> GetDailyAsync(string? userId, DateOnly firstDay, DateOnly lastDay, CancellationToken cancellationToken) =>
        database.ReadAsync(c => UsageQueries.DailyAsync(c, DayOf, userId, firstDay, lastDay, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<ProjectUsage>> GetByProjectAsync(string? userId, CancellationToken cancellationToken) =>
        database.ReadAsync(c => UsageQueries.ByProjectAsync(c, userId, cancellationToken), cancellationToken);

    public Task<bool> CanSeeProjectAsync(string? userId, string projectId, CancellationToken cancellationToken) =>
        database.ReadAsync(c => UsageQueries.CanSeeProjectAsync(c, userId, projectId, cancellationToken), cancellationToken);
}
