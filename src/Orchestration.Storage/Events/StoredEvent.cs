namespace Orchestration.Storage.Events;

/// <summary>One persisted event: its per-project sequence number is its SSE id.</summary>
public sealed class StoredEvent
{
    public string ProjectId { get; init; } = "";
    public long Seq { get; init; }
    /// <summary>The execute call this event belongs to (0 before the first one).</summary>
    public long Run { get; init; }
    public string Type { get; init; } = "";
    public string Message { get; init; } = "";
    public string? TaskId { get; init; }
    /// <summary>The optional fields (cost_usd, tool, wave, level, ...) as a JSON object.</summary>
    public string DataJson { get; init; } = "{}";
    public double CreatedAt { get; init; }
}
