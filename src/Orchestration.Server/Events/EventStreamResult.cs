using System.Buffers;
using System.IO.Pipelines;
using System.Net.ServerSentEvents;
using System.Reflection;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace Orchestration.Server.Events;

/// <summary>
/// A text/event-stream response of pre-serialised events: each event's UTF-8 JSON is made once when it is published
/// and written as it is to every subscriber (the <see cref="SseFormatter"/> frames it; nothing is re-encoded per
/// subscriber). Headers as ASP.NET Core's own server-sent events result sets them.
/// </summary>
internal sealed class EventStreamResult(IAsyncEnumerable<SseItem<ReadOnlyMemory<byte>>> events) : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
{
    public int? StatusCode => StatusCodes.Status200OK;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache,no-store";
        response.Headers.Pragma = "no-cache";
        response.Headers.ContentEncoding = "identity";
        response.Headers["X-Accel-Buffering"] = "no";
        httpContext.Features.GetRequiredFeature<IHttpResponseBodyFeature>().DisableBuffering();
        try
        {
            // The stream flushes when its queue runs dry (EventStream), so a burst of events leaves in few writes.
            await using var body = new UnflushedBody(response.BodyWriter);
            await SseFormatter.WriteAsync(events, body, static (item, writer) => writer.Write(item.Data.Span), httpContext.RequestAborted);
        }
        catch (OperationCanceledException) when (httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
    }

    /// <summary>Writes into the response's pipe without flushing: the formatter writes every item as a stream write,
    /// which on the response body would flush (one socket send) per event.</summary>
    private sealed class UnflushedBody(PipeWriter writer) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => writer.Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer) => writer.Write(buffer);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer, offset, count);
            return Task.CompletedTask;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            writer.Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override void Flush() => throw new NotSupportedException("Flushed asynchronously only.");

        public override async Task FlushAsync(CancellationToken cancellationToken) => await writer.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(string), ["text/event-stream"]));
}
