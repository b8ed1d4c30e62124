namespace Orchestration.Server.Events;

public sealed class EventStreamOptions
{
    /// <summary>How often an idle stream sends a keep-alive comment (docs/api.md, Live events: every 15 s).</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Events read from the log per query while replaying.</summary>
    public int ReplayBatchSize { get; set; } = 500;
}
