using System.Globalization;
using Orchestration.Core.Domain;
using Orchestration.Core.Spend;
using Orchestration.Server.Spend;
using Orchestration.Engine.Budget;
using Orchestration.Storage.Usage;

namespace Orchestration.Server.Usage;

public static class UsageMapping
{
    public static UsageSummaryDto ToDto(this UsageSummary s) => new(
        Money.ToJson(s.TotalCostNanos), s.TotalPromptTokens, s.TotalCompletionTokens, s.ApiCallCount,
        s.ByModel.ToDictionary(m => m.Key, m => new ModelUsageDto(m.Value.Calls, m.Value.PromptTokens, m.Value.CompletionTokens, Money.ToJson(m.Value.CostNanos))),
        s.ByProvider.ToDictionary(p => p.Key, p => new ProviderUsageDto(p.Value.Calls, Money.ToJson(p.Value.CostNanos))),
        s.CacheReadTokens, s.CacheWriteTokens, Share(s.CacheReadTokens, s.TotalPromptTokens));

    public static BudgetStatusDto ToDto(this BudgetStatus s) => new(
        (double)s.DailySpentUsd, (double)s.DailyLimitUsd, s.DailyPct, (double)s.MonthlySpentUsd, (double)s.MonthlyLimitUsd, s.MonthlyPct,
        (double)s.ReservedUsd, s.Scope, s.DailyLevel, s.MonthlyLevel);

    public static DailyUsageDto ToDto(this DailyUsage d) => new(
        d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d.ApiCalls, Money.ToJson(d.CostNanos), d.PromptTokens, d.CompletionTokens);

    public static ProjectUsageDto ToDto(this ProjectUsage p) => new(
        p.ProjectId, p.ProjectName, Money.ToJson(p.CostNanos), p.PromptTokens, p.CompletionTokens, p.ApiCalls,
        p.CacheReadTokens, p.CacheWriteTokens, Share(p.CacheReadTokens, p.PromptTokens));

    /// <summary>The cache-read share of the prompt tokens, 0–1 to four places (as in the cost report).</summary>
    private static double Share(long cacheRead, long prompt) => new CacheShare(prompt, cacheRead, 0).ToDto().CacheReadShare;
}
