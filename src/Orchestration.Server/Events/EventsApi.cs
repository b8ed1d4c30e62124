using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Orchestration.Engine.Events;
using Orchestration.Server.Auth;
using Orchestration.Server.Infrastructure;
using Orchestration.Storage.Events;
using Orchestration.Storage.Projects;

namespace Orchestration.Server.Events;

/// <summary>docs/api.md, Live events: stream tokens, the SSE stream and the persisted timeline.</summary>
public static class EventsApi
{
    public static IEndpointRouteBuilder MapEvents(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/events").WithTags("Events");
        group.MapPost("/{projectId}/token", IssueTokenAsync).RequireAuthorization();
        group.MapGet("/{projectId}/history", HistoryAsync).RequireAuthorization();
        // The stream authenticates with its own short-lived token in the query (EventSource sends no headers).
        group.MapGet("/{projectId}", StreamAsync).AllowAnonymous();
        return app;
    }

    private static async Task<Ok<StreamTokenResponse>> IssueTokenAsync(
        string projectId, HttpContext context, IProjectStore projects, SseTokens tokens, CancellationToken cancellationToken)
    {
        var userId = context.User.GetUserId();
        _ = await projects.GetAsync(userId, projectId, cancellationToken) ?? throw new ResourceNotFoundException("The project");
        return TypedResults.Ok(new StreamTokenResponse(tokens.Issue(userId, projectId), tokens.Lifetime.TotalSeconds));
    }

    private static async Task<Results<EventStreamResult, ProblemHttpResult>> StreamAsync(
        string projectId, string? token, long? after, [FromHeader(Name = "Last-Event-ID")] string? lastEventId,
        HttpContext context, SseTokens tokens, IProjectStore projects, Storage.Users.IUserStore users, EventStream stream,
        IHostApplicationLifetime lifetime, CancellationToken cancellationToken)
    {
        var userId = tokens.Validate(token, projectId);
        if (userId is null || await users.FindByIdAsync(userId, cancellationToken) is not { IsActive: true })
        {
            return TypedResults.Problem(statusCode: 401, title: "Unauthorized",
                detail: "The stream token is missing, invalid, expired or for another project. Get one from POST /api/events/{projectId}/token.");
        }
        if (await projects.GetAsync(userId, projectId, cancellationToken) is null)
        {
            return TypedResults.Problem(statusCode: 404, title: "Not found", detail: "The project was not found.");
        }
        var resumeFrom = long.TryParse(lastEventId, out var id) && id >= 0 ? id : after is >= 0 ? after : null;
        return new EventStreamResult(stream.ReadAsync(projectId, resumeFrom, context.Response, lifetime.ApplicationStopping, cancellationToken));
    }

    private static async Task<Ok<List<JsonElement>>> HistoryAsync(
        string projectId, int? offset, int? limit, HttpContext context, IProjectStore projects, IEventStore events, CancellationToken cancellationToken)
    {
        new Validator().Range("offset", offset, 0, int.MaxValue).Range("limit", limit, 1, 5000).ThrowIfInvalid();
        _ = await projects.GetAsync(context.User.GetUserId(), projectId, cancellationToken) ?? throw new ResourceNotFoundException("The project");
        var (items, total) = await events.HistoryAsync(projectId, offset ?? 0, limit ?? 1000, cancellationToken);
        context.Response.Headers["X-Total-Count"] = total.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Ok(items.Select(e => JsonDocument.Parse(EventJson.SerializeToUtf8(e)).RootElement.Clone()).ToList());
    }
}
