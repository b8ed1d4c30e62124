using System.Collections.Concurrent;

namespace Orchestration.Engine.Tests.Fakes;

/// <summary>Real clock, but every timer fires at once; the delays asked for are recorded so tests can assert them
/// (retry backoff, Retry-After, simulated latency) without waiting.</summary>
internal sealed class InstantTimeProvider : TimeProvider
{
    public ConcurrentQueue<TimeSpan> Delays { get; } = new();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            Delays.Enqueue(dueTime);
        }
        return System.CreateTimer(callback, state, dueTime == Timeout.InfiniteTimeSpan ? dueTime : TimeSpan.Zero, period);
    }
}
