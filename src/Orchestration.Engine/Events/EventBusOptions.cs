namespace Orchestration.Engine.Events;

public sealed class EventBusOptions
{
    /// <summary>Events buffered per live subscriber before it is cut off to resume from the log.</summary>
    public int SubscriberBufferSize { get; set; } = 1024;
}
