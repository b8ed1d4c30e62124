using System.Buffers;
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
            await SseFormatter.WriteAsync(events, response.Body, static (item, writer) => writer.Write(item.Data.Span), httpContext.RequestAborted);
        }
        catch (OperationCanceledException) when (httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(string), ["text/event-stream"]));
}
