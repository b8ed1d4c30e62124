namespace Orchestration.Core.Spend;

/// <summary>One alternative: its total, the saving of the actual run against it (positive when the actual run was
/// cheaper) as USD and as a percentage of the alternative (null when the alternative costs nothing), and the tasks with the largest differences.</summary>
public sealed record ScenarioCost(string Name, long TotalNanos, long SavingNanos, double? SavingPct, IReadOnlyList<TaskCostDifference> Drivers);
