using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace Orchestration.Server.Infrastructure;

/// <summary>
/// Declares, on every endpoint of a group, the problem responses the server's shared pipeline can give it, so the
/// OpenAPI document (and the web UI's types generated from it) sees them: 500 from the exception handler, 429 from the
/// global rate limiter, 401 where authentication is required, 404 where the route names a resource (someone else's is a
/// 404 too), 400 and 422 where a request value is bound (a body, a route or query value). Endpoint-specific problems (409, 402,
/// 502) are declared where they are mapped.
/// </summary>
internal static class ProblemResponses
{
    private static readonly string[] ProblemJson = ["application/problem+json"];

    public static TBuilder WithProblemResponses<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        // NOTE: Finally runs after the endpoint's own conventions, so RequireAuthorization and AllowAnonymous are known.
        builder.Finally(endpoint =>
        {
            if (endpoint is not RouteEndpointBuilder route)
            {
                return;
            }
            var metadata = endpoint.Metadata;
            var declared = metadata.OfType<IProducesResponseTypeMetadata>().Select(m => m.StatusCode).ToHashSet();
            void Add(int status, Type type)
            {
                if (declared.Add(status))
                {
                    metadata.Add(new ProducesResponseTypeMetadata(status, type, ProblemJson));
                }
            }
            var anonymous = metadata.OfType<IAllowAnonymous>().Any();
            if (!anonymous && metadata.OfType<IAuthorizeData>().Any())
            {
                Add(StatusCodes.Status401Unauthorized, typeof(ProblemDetails));
            }
            if (route.RoutePattern.Parameters.Count > 0)
            {
                Add(StatusCodes.Status404NotFound, typeof(ProblemDetails));
            }
            var method = metadata.OfType<IHttpMethodMetadata>().FirstOrDefault()?.HttpMethods is [var first, ..] ? first : null;
            if (method is "POST" or "PUT" or "PATCH" || metadata.OfType<IParameterBindingMetadata>().Any(p => IsRequestValue(p.ParameterInfo.ParameterType)))
            {
                Add(StatusCodes.Status400BadRequest, typeof(ProblemDetails));
                Add(StatusCodes.Status422UnprocessableEntity, typeof(HttpValidationProblemDetails));
            }
            Add(StatusCodes.Status429TooManyRequests, typeof(ProblemDetails));
            Add(StatusCodes.Status500InternalServerError, typeof(ProblemDetails));
        });
        return builder;
    }

    // Route and query values are strings, numbers and booleans; services, HttpContext and tokens are bound otherwise.
    private static bool IsRequestValue(Type type) =>
        (Nullable.GetUnderlyingType(type) ?? type) is var t && (t == typeof(string) || t.IsPrimitive || t.IsEnum);
}
