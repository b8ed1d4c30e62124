namespace Orchestration.Core.Scheduling;

/// <summary>How many attempts may run at once: in total, and per lane (a lane absent from the map has no own limit).</summary>
public sealed record SchedulerLimits(int MaxConcurrent, IReadOnlyDictionary<string, int>? LaneLimits = null)
{
    public int LimitOf(string lane) =>
        LaneLimits is not null && LaneLimits.TryGetValue(lane, out var limit) ? limit : int.MaxValue;
}
