using System.Globalization;
using Microsoft.AspNetCore.Http.Features;

namespace Orchestration.Server.Infrastructure;

/// <summary>The detail of a 413: the limit of the route that refused the body (server.max_request_body_bytes, or a
/// route's own, such as an import's).</summary>
internal static class BodyLimit
{
    public static string Describe(HttpContext context) =>
        context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize is { } limit
            ? $"The request body is too large: this route accepts at most {Format(limit)}."
            : "The request body is too large.";

    private static string Format(long bytes) => bytes switch
    {
        >= 1024 * 1024 when bytes % (1024 * 1024) == 0 => $"{(bytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture)} MB",
        >= 1024 when bytes % 1024 == 0 => $"{(bytes / 1024).ToString(CultureInfo.InvariantCulture)} KB",
        _ => $"{bytes.ToString(CultureInfo.InvariantCulture)} bytes",
    };
}
