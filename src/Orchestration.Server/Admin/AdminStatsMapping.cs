using Orchestration.Core.Domain;
using Orchestration.Storage.Admin;

namespace Orchestration.Server.Admin;

/// <summary>Wire shapes of the admin analytics (pct 0–100, rates 0–1, USD as numbers).</summary>
public static class AdminStatsMapping
{
    public sealed record StatsDto(long TotalUsers, long ActiveUsers, long TotalProjects, IReadOnlyDictionary<string, long> ProjectsByStatus,
        long TotalTasks, IReadOnlyDictionary<string, long> TasksByStatus, double TaskCompletionRate, double TotalSpendUsd,
        IReadOnlyDictionary<string, double> SpendByModel);

    public sealed record OverviewDto(SummaryDto Summary, IReadOnlyList<PurposeDto> ByPurpose, IReadOnlyList<ProviderDto> ByProvider, IReadOnlyList<ModelDto> ByModel);
    public sealed record SummaryDto(double TotalCostUsd, long TotalApiCalls, long TotalTokens, long ActiveProjects);
    public sealed record PurposeDto(string Purpose, long ApiCalls, double CostUsd, double PctOfTotal);
    public sealed record ProviderDto(string Provider, long ApiCalls, long PromptTokens, long CompletionTokens, double CostUsd, double PctOfTotal);
    public sealed record ModelDto(string Model, string Provider, long ApiCalls, double CostUsd, double PctOfTotal);

    public sealed record BreakdownDto(IReadOnlyList<TierCostDto> ByModelTier, IReadOnlyList<ProjectCostDto> ByProject, IReadOnlyList<DayDto> DailyTrend, double TotalCostUsd);
    public sealed record TierCostDto(string ModelTier, long TaskCount, double CostUsd, double AvgCostPerTask);
    public sealed record ProjectCostDto(string ProjectId, string ProjectName, long TaskCount, double CostUsd);
    public sealed record DayDto(string Date, long ApiCalls, double CostUsd);

    public sealed record OutcomesDto(IReadOnlyList<TierOutcomeDto> ByTier, IReadOnlyList<VerificationDto> VerificationByTier);
    public sealed record TierOutcomeDto(string ModelTier, long Total, long Completed, long Failed, long NeedsReview, double SuccessRate);
    public sealed record VerificationDto(string ModelTier, long TotalVerified, long Passed, long GapsFound, long HumanNeeded, double PassRate);

    public sealed record EfficiencyDto(IReadOnlyList<RetriesDto> RetriesByTier, long CheckpointCount, long UnresolvedCheckpointCount,
        IReadOnlyList<WaveDto> WaveThroughput, IReadOnlyList<CostEfficiencyDto> CostEfficiency);
    public sealed record RetriesDto(string ModelTier, long TotalTasks, long TasksWithRetries, long TotalRetries, double RetryRate);
    public sealed record WaveDto(string ProjectId, string ProjectName, long Wave, long TaskCount, double? AvgDurationSeconds);
    public sealed record CostEfficiencyDto(string ModelTier, double CostUsd, long TasksCompleted, long VerificationPassCount, double? CostPerPass);

    public static OverviewDto ToDto(UsageOverview o) => new(
        new SummaryDto(Money.ToJson(o.TotalCostNanos), o.TotalApiCalls, o.TotalTokens, o.ActiveProjects),
        o.ByPurpose.Select(g => new PurposeDto(g.Key, g.ApiCalls, Money.ToJson(g.CostNanos), Pct(g.CostNanos, o.TotalCostNanos))).ToList(),
        o.ByProvider.Select(g => new ProviderDto(g.Key, g.ApiCalls, g.PromptTokens, g.CompletionTokens, Money.ToJson(g.CostNanos), Pct(g.CostNanos, o.TotalCostNanos))).ToList(),
        o.ByModel.Select(g => new ModelDto(g.Key, g.Provider ?? "", g.ApiCalls, Money.ToJson(g.CostNanos), Pct(g.CostNanos, o.TotalCostNanos))).ToList());

    public static BreakdownDto ToDto(CostBreakdown b) => new(
        b.ByModelTier.Select(t => new TierCostDto(t.ModelTier, t.TaskCount, Money.ToJson(t.CostNanos), t.TaskCount == 0 ? 0 : Money.ToJson(t.CostNanos) / t.TaskCount)).ToList(),
        b.ByProject.Select(p => new ProjectCostDto(p.ProjectId, p.ProjectName, p.TaskCount, Money.ToJson(p.CostNanos))).ToList(),
        b.DailyTrend.Select(d => new DayDto(d.Date, d.ApiCalls, Money.ToJson(d.CostNanos))).ToList(),
        Money.ToJson(b.TotalCostNanos));

    public static OutcomesDto ToOutcomesDto(IReadOnlyList<TierOutcome> tiers) => new(
        tiers.Select(t => new TierOutcomeDto(t.ModelTier, t.Total, t.Completed, t.Failed, t.NeedsReview, Rate(t.Completed, t.Total))).ToList(),
        tiers.Select(t => new VerificationDto(t.ModelTier, t.TotalVerified, t.Passed, t.GapsFound, t.HumanNeeded, Rate(t.Passed, t.TotalVerified))).ToList());

    public static EfficiencyDto ToDto(Efficiency e) => new(
        e.ByTier.Select(t => new RetriesDto(t.ModelTier, t.Total, t.TasksWithRetries, t.TotalRetries, Rate(t.TasksWithRetries, t.Total))).ToList(),
        e.CheckpointCount, e.UnresolvedCheckpointCount,
        e.Waves.Select(w => new WaveDto(w.ProjectId, w.ProjectName, w.Wave, w.TaskCount, w.AvgDurationSeconds)).ToList(),
        e.ByTier.Select(t => new CostEfficiencyDto(t.ModelTier, Money.ToJson(t.CostNanos), t.Completed, t.Passed,
            t.Passed == 0 ? null : Money.ToJson(t.CostNanos) / t.Passed)).ToList());

    private static double Pct(long part, long total) => total == 0 ? 0 : Math.Round(100.0 * part / total, 2);

    private static double Rate(long part, long total) => total == 0 ? 0 : Math.Round((double)part / total, 4);
}
