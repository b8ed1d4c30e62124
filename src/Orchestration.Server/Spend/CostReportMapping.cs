using Orchestration.Core.Domain;
using Orchestration.Core.Spend;

namespace Orchestration.Server.Spend;

public static class CostReportMapping
{
    public static CostReportDto ToDto(this CostReport r, string? projectId, long? run, string? from, string? to) => new(
        projectId, run, from, to, Money.ToJson(r.ActualNanos), Money.ToJson(r.RepricedNanos), Money.ToJson(r.FixedNanos), r.Calls, r.RepricedCalls,
        r.Cache.ToDto(), r.Scenarios.Select(ToDto).ToList(), CostReport.ObservedTokensNote);

    public static CacheShareDto ToDto(this CacheShare c) =>
        new(c.PromptTokens, c.CacheReadTokens, c.CacheWriteTokens, Math.Round(c.ReadShare, 4));

    private static ScenarioCostDto ToDto(ScenarioCost s) => new(
        s.Name, Money.ToJson(s.TotalNanos), Money.ToJson(s.SavingNanos), s.SavingPct,
        s.Drivers.Select(d => new TaskCostDifferenceDto(d.TaskId, d.Title, d.Tier, d.ScenarioTier, d.Calls,
            Money.ToJson(d.ActualNanos), Money.ToJson(d.ScenarioNanos), Money.ToJson(d.DifferenceNanos))).ToList());
}
