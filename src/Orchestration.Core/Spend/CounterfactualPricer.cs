using Orchestration.Core.Domain;

namespace Orchestration.Core.Spend;

/// <summary>
/// Prices a run's observed calls under other routings. Each task execution call is priced again on the tier the
/// scenario gives its task, with the call's own token counts; every other call (planning, verification, knowledge, or
/// a call of a task that no longer exists) keeps its actual cost. Pure: the caller reads the calls and tasks.
/// </summary>
public sealed class CounterfactualPricer(TierPrices prices)
{
    public const int DefaultDrivers = 5;

    public CostReport Price(IReadOnlyList<ObservedCall> calls, IReadOnlyDictionary<string, SpendTask> tasks,
        IReadOnlyList<RoutingScenario> scenarios, int drivers = DefaultDrivers)
    {
        var repriced = calls
            .Where(c => c.Purpose == CallPurpose.Execution && c.TaskId is not null && tasks.ContainsKey(c.TaskId))
            .GroupBy(c => c.TaskId!, StringComparer.Ordinal)
            .Select(g => (Task: tasks[g.Key], Calls: g.ToList()))
            .ToList();
        var actual = calls.Sum(c => c.CostNanos);
        var repricedActual = repriced.Sum(t => t.Calls.Sum(c => c.CostNanos));
        var fixedNanos = actual - repricedActual;

        var results = scenarios.Select(scenario =>
        {
            var perTask = repriced.Select(t =>
            {
                var tier = scenario.TierOf(t.Task);
                return new TaskCostDifference(t.Task.Id, t.Task.Title, t.Task.Tier.ToWire(), tier.ToWire(), t.Calls.Count,
                    t.Calls.Sum(c => c.CostNanos), t.Calls.Sum(c => prices.CostNanos(tier, c.Tokens)));
            }).ToList();
            var total = fixedNanos + perTask.Sum(t => t.ScenarioNanos);
            var saving = total - actual;
            var top = perTask.Where(t => t.DifferenceNanos != 0)
                .OrderByDescending(t => Math.Abs(t.DifferenceNanos)).ThenBy(t => t.TaskId, StringComparer.Ordinal)
                .Take(drivers).ToList();
            return new ScenarioCost(scenario.Name, total, saving, Percent(saving, total), top);
        }).ToList();

        return new CostReport(actual, repricedActual, fixedNanos, calls.Count, repriced.Sum(t => t.Calls.Count),
            CacheShare.Of(calls.Select(c => c.Tokens)), results);
    }

    private static double? Percent(long part, long whole) => whole == 0 ? null : Math.Round(100.0 * part / whole, 2);
}
