namespace Orchestration.Engine.Models;

/// <summary>
/// A model provider failed after the gateway's own retries (or with an error that is not worth retrying).
/// <see cref="IsTransient"/> tells the executor whether another attempt later may succeed (rate limit, overload,
/// 5xx, timeout, lost connection); a 400 or 401 is not transient.
/// </summary>
public sealed class ModelProviderException(
    string provider, string message, bool isTransient, int? statusCode = null, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception(message, inner)
{
    public string Provider { get; } = provider;
    public bool IsTransient { get; } = isTransient;
    /// <summary>The HTTP status the provider answered with (529 = overloaded), when there was one.</summary>
    public int? StatusCode { get; } = statusCode;
    /// <summary>How long the provider asked us to wait, when it said.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
