using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Orchestration.Core.Graph;
using Orchestration.Core.Lifecycle;
using Orchestration.Core.Pricing;
using Orchestration.Engine.Models;

namespace Orchestration.Server.Infrastructure;

/// <summary>
/// Turns exceptions into RFC 9457 problems with a useful `detail`: bad bodies 400/413/415, domain errors
/// 404/409/422/402. Anything else is a 500 whose detail never contains exception text.
/// </summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail, errors) = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (413, "Payload too large", BodyLimit.Describe(httpContext), null),
            BadHttpRequestException bad => (bad.StatusCode, "Bad request", DescribeBadRequest(bad), null),
            ResourceNotFoundException e => (404, "Not found", e.Message, null),
            IllegalTransitionException e => (409, "Conflict", e.Message, null),
            ResourceConflictException e => (409, "Conflict", e.Message, null),
            RequestValidationException e => (422, "Validation failed", e.Message, e.Errors),
            GraphException e => (422, "Invalid task graph", e.Message, null),
            BudgetExceededException e => (402, "Budget exhausted", e.Message, null),
            UnpricedModelException e => (422, "Model not priced", e.Message, null),
            ModelProviderException { IsTransient: true } e => (503, "Model provider unavailable", e.Message, null),
            ModelProviderException e => (502, "Model provider error", e.Message, null),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => (499, "Client closed request", "The request was cancelled.", null),
            _ => (500, "Internal server error", "The server could not complete the request. It has been logged.", (IDictionary<string, string[]>?)null),
        };
        if (status == 500)
        {
            LogUnhandled(logger, httpContext.Request.Method, httpContext.Request.Path, exception);
        }

        httpContext.Response.StatusCode = status;
        var problem = errors is null ? new ProblemDetails() : new HttpValidationProblemDetails(errors);
        problem.Status = status;
        problem.Title = title;
        problem.Detail = detail;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static string DescribeBadRequest(BadHttpRequestException bad) => bad.StatusCode switch
    {
        StatusCodes.Status415UnsupportedMediaType => "The request body must be JSON (Content-Type: application/json).",
        _ when bad.InnerException is JsonException json => DescribeJson(json),
        _ when bad.Message.Contains("was not provided", StringComparison.Ordinal) => "A JSON request body is required.",
        _ => bad.Message,
    };

    private static string DescribeJson(JsonException json)
    {
        var path = json.Path is { Length: > 2 } p ? p.TrimStart('$', '.') : null;
        // A conversion error means the JSON was well-formed but a value had the wrong type.
        if (path is not null && json.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal))
        {
            return $"The request body has a value of the wrong type at '{path}'.";
        }
        return json.LineNumber is not null
            ? $"The request body is not valid JSON (line {json.LineNumber + 1}, position {json.BytePositionInLine})."
            : "The request body is not valid JSON.";
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Error, Message = "Unhandled exception for {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, string method, PathString path, Exception exception);
}
