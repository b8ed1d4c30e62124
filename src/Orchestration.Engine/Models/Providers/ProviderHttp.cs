using System.Net;
using Orchestration.Engine.Models.Pipeline;

namespace Orchestration.Engine.Models.Providers;

/// <summary>HttpClients for the provider SDKs; each records status and Retry-After for the retry decorator.</summary>
internal static class ProviderHttp
{
    public static HttpClient Create(TimeSpan timeout, Uri? baseAddress = null) =>
        new(new HttpAttempt.Handler(new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        }))
        {
            Timeout = timeout,
            BaseAddress = baseAddress,
        };

    /// <summary>A base address with a trailing slash, so SDK-relative paths ("api/chat") keep a configured path prefix.</summary>
    public static Uri BaseUri(string url) => new(url.TrimEnd('/') + "/");
}
