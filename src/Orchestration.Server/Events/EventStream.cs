using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Orchestration.Core.Domain;
using Orchestration.Engine.Events;
using Orchestration.Storage.Events;
using Orchestration.Core.Events;

namespace Orchestration.Server.Events;

/// <summary>
/// One SSE connection: replays the log after the client's last id (or from the start of the latest run), then follows
/// live events with no gap and no duplicate (live events are checked against the last id sent; a gap is filled from
/// the log). Idle streams get keep-alive comments. A subscriber that falls behind gets a final
/// <c>stream_overflow</c> event and the stream ends; the client reconnects with Last-Event-ID.
/// </summary>
internal sealed class EventStream(IEventStore store, IEventBus bus, EventStreamOptions options, TimeProvider time)
{
    public const string OverflowEventType = EventTypes.StreamOverflow;

    public async IAsyncEnumerable<SseItem<ReadOnlyMemory<byte>>> ReadAsync(
        string projectId, long? after, HttpResponse response, CancellationToken stopping, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopping);
        var ct = linked.Token;
        // Subscribe before replaying, so an event committed during the replay is not missed.
        using var subscription = bus.Subscribe(projectId);
        var last = after ?? await store.LatestRunStartAsync(projectId, ct);
        // Sends the headers at once, so the client sees the stream open even before the first event.
        await CommentAsync(response, "connected", ct);

        await foreach (var e in ReplayAsync(projectId, last, long.MaxValue, ct))
        {
            last = e.Seq;
            yield return Item(e.Seq, e.Type, EventJson.SerializeToUtf8(e));
        }

        // NOTE: keep-alives come through the subscription's own queue (a nudge from one periodic timer per stream), so
        // the stream waits on one thing: a thousand subscribers cost no timer or extra wake-up per event. A tick writes a
        // comment only when no event went out since the previous tick.
        var sentSinceTick = 0;
        using var keepAlive = time.CreateTimer(_ =>
        {
            if (Interlocked.Exchange(ref sentSinceTick, 0) == 0)
            {
                subscription.Nudge();
            }
        }, null, options.KeepAliveInterval, options.KeepAliveInterval);
        while (true)
        {
            bool open;
            try
            {
                // Everything written so far leaves now; while events keep coming they are written without a flush each.
                await response.BodyWriter.FlushAsync(ct);
                open = await subscription.Reader.WaitToReadAsync(ct);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
            if (!open)
            {
                if (subscription.Overflowed)
                {
                    yield return new SseItem<ReadOnlyMemory<byte>>(OverflowJson(projectId, last), OverflowEventType) { ReconnectionInterval = TimeSpan.FromSeconds(1) };
                }
                yield break;
            }
            while (subscription.Reader.TryRead(out var published))
            {
                if (ReferenceEquals(published, EventSubscription.Wake))
                {
                    await CommentAsync(response, "keep-alive", ct);
                    continue;
                }
                var seq = published.Event.Seq;
                if (seq <= last)
                {
                    continue;
                }
                Volatile.Write(ref sentSinceTick, 1);
                // Published out of commit order (another writer published later than it committed): fill from the log.
                await foreach (var missing in ReplayAsync(projectId, last, seq, ct))
                {
                    last = missing.Seq;
                    yield return Item(missing.Seq, missing.Type, EventJson.SerializeToUtf8(missing));
                }
                last = seq;
                yield return Item(seq, published.Event.Type, published.Utf8Json);
            }
        }
    }

    private async IAsyncEnumerable<StoredEvent> ReplayAsync(string projectId, long after, long before, [EnumeratorCancellation] CancellationToken ct)
    {
        while (after + 1 < before)
        {
            var batch = await store.ReadAfterAsync(projectId, after, options.ReplayBatchSize, ct);
            foreach (var e in batch.TakeWhile(e => e.Seq < before))
            {
                after = e.Seq;
                yield return e;
            }
            if (batch.Count < options.ReplayBatchSize || batch[^1].Seq >= before)
            {
                yield break;
            }
        }
    }

    private static SseItem<ReadOnlyMemory<byte>> Item(long seq, string type, ReadOnlyMemory<byte> json) =>
        new(json, type) { EventId = seq.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    private byte[] OverflowJson(string projectId, long last) => JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
    {
        ["type"] = OverflowEventType,
        ["message"] = "This stream fell behind and is closing; reconnect with Last-Event-ID to resume without loss.",
        ["timestamp"] = time.NowEpoch(),
        ["project_id"] = projectId,
        ["last_seq"] = last,
    });

    // NOTE: written straight to the response between items (the formatter has written each item whole before it asks
    // for the next), so a comment never lands inside an event.
    private static async Task CommentAsync(HttpResponse response, string text, CancellationToken ct)
    {
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes($": {text}\n\n"), ct);
        await response.Body.FlushAsync(ct);
    }
}
