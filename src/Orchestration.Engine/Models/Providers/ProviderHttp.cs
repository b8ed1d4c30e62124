using System.Net;
using Orchestration.Engine.Models.Pipeline;

namespace Orchestration.Engine.Models.Providers;

/// <summary>HttpClients for the provider SDKs; each records status and Retry-After for the retry decorator.</summary>
internal static class ProviderHttp
{
    /// <summary>
    /// <paramref name="timeout"/> is HttpClient's own (to the headers, or to the whole body of a buffered response);
    /// <paramref name="readTimeout"/>, when given, bounds every read of a response body (<see cref="ReadTimeoutHandler"/>).
    /// </summary>
    public static HttpClient Create(TimeSpan timeout, Uri? baseAddress = null, TimeSpan? readTimeout = null)
    {
        HttpMessageHandler sockets = new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        return new(new HttpAttempt.Handler(readTimeout is { } quiet ? new ReadTimeoutHandler(sockets, quiet) : sockets))
        {
            Timeout = timeout,
            BaseAddress = baseAddress,
        };
    }

    /// <summary>A base address with a trailing slash, so SDK-relative paths ("api/chat") keep a configured path prefix.</summary>
    public static Uri BaseUri(string url) => new(url.TrimEnd('/') + "/");
}
