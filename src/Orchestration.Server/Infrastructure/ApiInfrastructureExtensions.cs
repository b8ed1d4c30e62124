using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.RateLimiting;
using Orchestration.Core.Configuration;
using Orchestration.Server.Auth;

namespace Orchestration.Server.Infrastructure;

public static class ApiInfrastructureExtensions
{
    public const string AuthRateLimitPolicy = "auth";

    /// <summary>JSON, problem details, exception mapping, CORS, rate limiting and body limits.</summary>
    public static IServiceCollection AddApiInfrastructure(this IServiceCollection services, ServerOptions server)
    {
        services.Configure<JsonOptions>(o => JsonDefaults.Apply(o.SerializerOptions));
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            ctx.ProblemDetails.Detail ??= DefaultDetail(ctx.ProblemDetails.Status ?? ctx.HttpContext.Response.StatusCode, ctx.HttpContext);
            ctx.ProblemDetails.Instance ??= ctx.HttpContext.Request.Path;
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = server.MaxRequestBodyBytes);
        services.AddCors(o => o.AddDefaultPolicy(p => p
            .WithOrigins([.. server.CorsOrigins])
            .AllowAnyHeader()
            .AllowAnyMethod()
            .WithExposedHeaders("X-Total-Count", "Retry-After")));
        services.AddRateLimiting(server);
        return services;
    }

    private static void AddRateLimiting(this IServiceCollection services, ServerOptions server)
    {
        // Validated at startup (ConfigValidator), so parsing cannot fail here.
        _ = RateLimitSpec.TryParse(server.RateLimit, out var spec);
        // Auth routes (password guessing, registration floods) get a fifth of the general allowance.
        var authPermits = Math.Max(5, spec.Permits / 5);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(ctx =>
                RateLimitPartition.GetFixedWindowLimiter(PartitionKey(ctx), _ => Window(spec.Permits, spec.Window)));
            o.AddPolicy(AuthRateLimitPolicy, ctx =>
                RateLimitPartition.GetFixedWindowLimiter("auth:" + ClientAddress(ctx), _ => Window(authPermits, spec.Window)));
            o.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : spec.Window;
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = { Status = 429, Title = "Too many requests", Detail = $"Rate limit exceeded; retry after {(int)Math.Ceiling(retryAfter.TotalSeconds)} s." },
                });
            };
        });
    }

    private static FixedWindowRateLimiterOptions Window(int permits, TimeSpan window) =>
        new() { PermitLimit = permits, Window = window, QueueLimit = 0, AutoReplenishment = true };

    private static string PartitionKey(HttpContext ctx) =>
        ctx.User.Identity?.IsAuthenticated == true ? "user:" + ctx.User.GetUserId() : "ip:" + ClientAddress(ctx);

    private static string ClientAddress(HttpContext ctx) => ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static string DefaultDetail(int status, HttpContext ctx) => status switch
    {
        400 => "The request is malformed.",
        401 => "Authentication is required: send 'Authorization: Bearer <token>'.",
        403 => "You do not have permission for this action.",
        404 => $"There is no resource or API route at '{ctx.Request.Method} {ctx.Request.Path}'. See /openapi/v1.json.",
        405 => $"'{ctx.Request.Method}' is not allowed on '{ctx.Request.Path}'.",
        409 => "The request conflicts with the resource's current state.",
        413 => BodyLimit.Describe(ctx),
        415 => "The request body must be JSON (Content-Type: application/json).",
        429 => "Too many requests; slow down.",
        _ => "The request failed.",
    };
}
