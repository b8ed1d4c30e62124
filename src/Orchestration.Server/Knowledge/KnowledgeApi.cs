using Microsoft.AspNetCore.Http.HttpResults;
using Orchestration.Core.Domain;
using Orchestration.Server.Auth;
using Orchestration.Server.Infrastructure;
using Orchestration.Storage.Knowledge;

namespace Orchestration.Server.Knowledge;

/// <summary>api.md, Projects: GET /api/projects/{id}/knowledge[?category=] and DELETE /api/projects/{id}/knowledge/{kid}.</summary>
public static class KnowledgeApi
{
    public static IEndpointRouteBuilder MapKnowledge(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/projects/{id}/knowledge").WithTags("Knowledge").RequireAuthorization();
        group.MapGet("", ListAsync);
        group.MapDelete("/{knowledgeId}", DeleteAsync);
        return app;
    }

    private static async Task<Ok<List<KnowledgeDto>>> ListAsync(
        string id, string? category, HttpContext context, IKnowledgeStore knowledge, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        var filter = validator.Enum<KnowledgeCategory>("category", category);
        validator.ThrowIfInvalid();
        var list = await knowledge.ListAsync(context.User.GetUserId(), id, filter?.ToWire(), cancellationToken)
                   ?? throw new ResourceNotFoundException("The project");
        return TypedResults.Ok(list.Select(k => new KnowledgeDto(k.Id, k.ProjectId, k.TaskId, k.Category, k.Content, k.SourceTaskTitle, k.CreatedAt)).ToList());
    }

    private static async Task<NoContent> DeleteAsync(
        string id, string knowledgeId, HttpContext context, IKnowledgeStore knowledge, CancellationToken cancellationToken)
    {
        var deleted = await knowledge.DeleteAsync(context.User.GetUserId(), id, knowledgeId, cancellationToken)
                      ?? throw new ResourceNotFoundException("The project");
        return deleted ? TypedResults.NoContent() : throw new ResourceNotFoundException("The finding");
    }
}
