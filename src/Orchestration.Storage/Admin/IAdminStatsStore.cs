namespace Orchestration.Storage.Admin;

/// <summary>System-wide figures for administrators (every user's data); <c>since</c> is an epoch-seconds lower bound.</summary>
public interface IAdminStatsStore
{
    Task<SystemStats> StatsAsync(CancellationToken cancellationToken);

    Task<UsageOverview> UsageOverviewAsync(double since, CancellationToken cancellationToken);

    Task<CostBreakdown> CostBreakdownAsync(double since, CancellationToken cancellationToken);

    /// <summary>Task outcomes, verification, retries and cost per model tier, for tasks created since then.</summary>
    Task<IReadOnlyList<TierOutcome>> OutcomesByTierAsync(double since, CancellationToken cancellationToken);

    Task<Efficiency> EfficiencyAsync(double since, CancellationToken cancellationToken);
}
