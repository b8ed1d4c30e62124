namespace Orchestration.Core.Configuration;

/// <summary>The <c>notifications</c> section: webhooks told about what the engine does (README, Notifications).</summary>
public sealed class NotificationsOptions
{
    public List<WebhookOptions> Webhooks { get; set; } = [];
    /// <summary>Attempts per delivery (the first one included) before it is marked failed.</summary>
    public int MaxAttempts { get; set; } = 6;
    /// <summary>How long one attempt may take, headers and body, before it counts as a timeout.</summary>
    public double TimeoutSeconds { get; set; } = 10;
    /// <summary>The wait before retry n (1-based) is min(base · 2^(n-1), max) seconds.</summary>
    public double RetryBackoffBaseSeconds { get; set; } = 5;
    public double RetryBackoffMaxSeconds { get; set; } = 600;
    /// <summary>Events buffered in memory on their way to the outbox table; beyond it notifications are dropped (and
    /// logged), never the engine slowed.</summary>
    public int QueueCapacity { get; set; } = 10_000;
}
