namespace Orchestration.Storage.Usage;

/// <summary>
/// Reads of the usage records. Every method takes the caller's user id (their own usage only) or null for an
/// admin (everyone's). Money is in nano-dollars.
/// </summary>
public interface IUsageStore
{
    /// <summary>Totals with breakdowns by model and provider, optionally for one project.</summary>
    Task<UsageSummary> GetSummaryAsync(string? userId, string? projectId, CancellationToken cancellationToken);

    /// <summary>One entry per UTC day from <paramref name="firstDay"/> to <paramref name="lastDay"/> inclusive, oldest first,
    /// days without calls included as zeros.</summary>
    Task<IReadOnlyList<DailyUsage>> GetDailyAsync(string? userId, DateOnly firstDay, DateOnly lastDay, CancellationToken cancellationToken);

    /// <summary>Spend per project, highest cost first; deleted projects keep the name recorded with their usage.</summary>
    Task<IReadOnlyList<ProjectUsage>> GetByProjectAsync(string? userId, CancellationToken cancellationToken);

    /// <summary>Whether the caller may see the project's usage: they own it, or it was deleted and their usage names it.
    /// For an admin (null user): it exists or has usage.</summary>
    Task<bool> CanSeeProjectAsync(string? userId, string projectId, CancellationToken cancellationToken);
}
