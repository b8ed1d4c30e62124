namespace Orchestration.Core.Spend;

/// <summary>
/// A run's actual spend beside what the same calls would have cost under other routings. <see cref="RepricedNanos"/> is
/// the part of the actual spend that was priced again (the task execution calls); <see cref="FixedNanos"/> is the rest
/// (planning, verification, knowledge), which is the same in every scenario.
/// </summary>
public sealed record CostReport(
    long ActualNanos, long RepricedNanos, long FixedNanos, int Calls, int RepricedCalls, CacheShare Cache,
    IReadOnlyList<ScenarioCost> Scenarios)
{
    /// <summary>Said with every report: the alternatives are priced on the lengths that were observed.</summary>
    public const string ObservedTokensNote =
        "Alternatives price the token counts observed in this run (cache reads and writes and failed attempts included); " +
        "a different model would have produced different lengths, so they are estimates of the routing, not replays.";
}
