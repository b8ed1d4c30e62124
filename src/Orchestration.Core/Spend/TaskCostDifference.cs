namespace Orchestration.Core.Spend;

/// <summary>One task's calls: what they cost on the tiers they ran on and on the scenario's tier.</summary>
public sealed record TaskCostDifference(
    string TaskId, string Title, string Tier, string ScenarioTier, int Calls, long ActualNanos, long ScenarioNanos)
{
    public long DifferenceNanos => ScenarioNanos - ActualNanos;
}
