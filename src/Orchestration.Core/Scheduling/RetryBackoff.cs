namespace Orchestration.Core.Scheduling;

/// <summary>docs/config.md (execution.retry_backoff_*): delay before automatic retry n (0-based) = min(base · 2^n +
/// U(0, 2 s), max).</summary>
public static class RetryBackoff
{
    public const double MaxJitterSeconds = 2.0;

    /// <param name="unitJitter">A uniform sample in [0, 1); scaled to the 2 s jitter.</param>
    public static TimeSpan Delay(int retryNumber, double baseSeconds, double maxSeconds, double unitJitter)
    {
        var exponential = baseSeconds * Math.Pow(2, Math.Max(0, retryNumber));
        var seconds = Math.Min(exponential + (unitJitter * MaxJitterSeconds), maxSeconds);
        return TimeSpan.FromSeconds(Math.Max(0, seconds));
    }
}
