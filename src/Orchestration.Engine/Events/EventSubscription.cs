using Orchestration.Storage.Events;
using System.Threading.Channels;

namespace Orchestration.Engine.Events;

/// <summary>One live subscriber of a project's events. Dispose to unsubscribe.</summary>
public sealed class EventSubscription : IDisposable
{
    /// <summary>What <see cref="Nudge"/> puts in the reader's queue; never a real event.</summary>
    public static readonly PublishedEvent Wake = new(new StoredEvent(), ReadOnlyMemory<byte>.Empty, 0);

    private readonly Channel<PublishedEvent> _channel;
    private readonly Action<EventSubscription> _unsubscribe;
    private int _overflowed;

    internal EventSubscription(string projectId, int capacity, Action<EventSubscription> unsubscribe)
    {
        ProjectId = projectId;
        _unsubscribe = unsubscribe;
        _channel = Channel.CreateBounded<PublishedEvent>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public string ProjectId { get; }

    public ChannelReader<PublishedEvent> Reader => _channel.Reader;

    /// <summary>True once the subscriber fell behind and was cut off; events after the buffered ones were not kept.</summary>
    public bool Overflowed => Volatile.Read(ref _overflowed) == 1;

    internal void Offer(PublishedEvent published)
    {
        if (_channel.Writer.TryWrite(published))
        {
            return;
        }
        // NOTE: never wait for a slow reader: cut it off; it catches up from the log with its last id.
        if (Interlocked.Exchange(ref _overflowed, 1) == 0)
        {
            _channel.Writer.TryComplete();
            _unsubscribe(this);
        }
    }

    /// <summary>Wakes an idle reader with <see cref="Wake"/> (for keep-alives). A reader with events waiting is not
    /// nudged, so a nudge never takes the room of an event.</summary>
    public void Nudge()
    {
        if (_channel.Reader.Count == 0)
        {
            _channel.Writer.TryWrite(Wake);
        }
    }

    public void Dispose()
    {
        _channel.Writer.TryComplete();
        _unsubscribe(this);
    }
}
