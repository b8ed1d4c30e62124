namespace Orchestration.Engine.Models.Pipeline;

/// <summary>
/// Exponential backoff with jitter: base × 2^attempt plus up to 25 % random, capped at <see cref="MaxDelay"/>.
/// A provider's Retry-After wins; one longer than <see cref="MaxRetryAfter"/> is not waited for here (the call
/// fails as transient and the executor schedules the task again later).
/// </summary>
internal sealed record RetryPolicy(int MaxRetries, TimeSpan BaseDelay, TimeSpan MaxDelay, TimeSpan MaxRetryAfter)
{
    public Func<double> Jitter { get; init; } = Random.Shared.NextDouble;

    public static RetryPolicy Default(int maxRetries) =>
        new(maxRetries, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60));

    /// <summary>The wait before retry number <paramref name="attempt"/> + 1 (attempt 0 = after the first failure), or null to give up.</summary>
    public TimeSpan? DelayFor(int attempt, TimeSpan? retryAfter)
    {
        if (attempt >= MaxRetries)
        {
            return null;
        }
        if (retryAfter is { } asked)
        {
            return asked <= MaxRetryAfter ? asked : null;
        }
        var exponential = BaseDelay.TotalMilliseconds * Math.Pow(2, attempt);
        var jittered = exponential + exponential * 0.25 * Jitter();
        return TimeSpan.FromMilliseconds(Math.Min(jittered, MaxDelay.TotalMilliseconds));
    }
}
