using System.Globalization;
using System.Net;

namespace Orchestration.Engine.Models.Pipeline;

/// <summary>
/// What the last HTTP response of a provider attempt said: status and Retry-After. The SDKs' exceptions do not all
/// expose response headers, so <see cref="Handler"/> records them into the slot that the retry decorator opened for
/// the attempt (the AsyncLocal flows down into the HTTP call; the slot object carries the answer back up).
/// </summary>
internal sealed class HttpAttempt
{
    private static readonly AsyncLocal<HttpAttempt?> CurrentSlot = new();

    public HttpStatusCode? StatusCode { get; private set; }
    public TimeSpan? RetryAfter { get; private set; }

    public static HttpAttempt Begin()
    {
        var slot = new HttpAttempt();
        CurrentSlot.Value = slot;
        return slot;
    }

    internal void Record(HttpResponseMessage response)
    {
        StatusCode = response.StatusCode;
        RetryAfter = ParseRetryAfter(response);
    }

    /// <summary>retry-after-ms (Anthropic, OpenAI) wins over retry-after (seconds or an HTTP date).</summary>
    internal static TimeSpan? ParseRetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.TryGetValues("retry-after-ms", out var ms) &&
            double.TryParse(ms.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var millis) && millis >= 0)
        {
            return TimeSpan.FromMilliseconds(millis);
        }
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }
        if (header?.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
        return null;
    }

    /// <summary>Sits at the bottom of every provider's HttpClient and fills the current attempt's slot.</summary>
    internal sealed class Handler : DelegatingHandler
    {
        public Handler(HttpMessageHandler inner) : base(inner)
        {
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            CurrentSlot.Value?.Record(response);
            return response;
        }
    }
}
