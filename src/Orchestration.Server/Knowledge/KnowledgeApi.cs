using Microsoft.AspNetCore.Http.HttpResults;
using Orchestration.Core.Domain;
using Orchestration.Engine.Knowledge;
using Orchestration.Server.Auth;
using Orchestration.Server.Infrastructure;
using Orchestration.Storage.Knowledge;

namespace Orchestration.Server.Knowledge;

/// <summary>
/// docs/api.md, Knowledge: a project's findings (GET with ?category=&amp;status=&amp;source=, POST a person's finding, DELETE one),
/// and a person's review of one finding under /api/knowledge/{kid}: accept, reject, or edit (PATCH; an edit accepts it).
/// </summary>
public static class KnowledgeApi
{
    public const int MaxContentLength = 2_000;

    public static IEndpointRouteBuilder MapKnowledge(this IEndpointRouteBuilder app)
    {
        var project = app.MapGroup("/api/projects/{id}/knowledge").WithTags("Knowledge").RequireAuthorization();
        project.MapGet("", ListAsync);
        project.MapPost("", AddAsync).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        project.MapDelete("/{knowledgeId}", DeleteAsync).ProducesProblem(StatusCodes.Status404NotFound);

        var finding = app.MapGroup("/api/knowledge/{knowledgeId}").WithTags("Knowledge").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        finding.MapPost("/accept", (string knowledgeId, HttpContext context, IKnowledgeControl control, CancellationToken ct) =>
            ReviewAsync(knowledgeId, KnowledgeStatus.Accepted, context, control, ct));
        finding.MapPost("/reject", (string knowledgeId, HttpContext context, IKnowledgeControl control, CancellationToken ct) =>
            ReviewAsync(knowledgeId, KnowledgeStatus.Rejected, context, control, ct));
        finding.MapPatch("", EditAsync).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    public sealed record AddRequest(string? Content, string? Category);

    public sealed record EditRequest(string? Content, string? Category);

    private static async Task<Ok<List<KnowledgeDto>>> ListAsync(
        string id, string? category, string? status, string? source, HttpContext context, IKnowledgeStore knowledge, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        var filter = new KnowledgeFilter(validator.Enum<KnowledgeCategory>("category", category)?.ToWire(),
            validator.Enum<KnowledgeStatus>("status", status)?.ToWire(), validator.Enum<KnowledgeSource>("source", source)?.ToWire());
        validator.ThrowIfInvalid();
        var list = await knowledge.ListAsync(context.User.GetUserId(), id, filter, cancellationToken)
                   ?? throw new ResourceNotFoundException("The project");
        return TypedResults.Ok(list.Select(ToDto).ToList());
    }

    private static async Task<Created<KnowledgeDto>> AddAsync(
        string id, AddRequest request, HttpContext context, IKnowledgeControl control, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        ValidateContent(validator, request.Content, required: true);
        var category = validator.Enum<KnowledgeCategory>("category", request.Category) ?? KnowledgeCategory.Discovery;
        validator.ThrowIfInvalid();
        var change = await control.AddAsync(context.User.GetUserId(), id, category, request.Content!.Trim(), cancellationToken)
                     ?? throw new ResourceNotFoundException("The project");
        var added = Changed(change);
        return TypedResults.Created($"/api/projects/{id}/knowledge/{added.Id}", ToDto(added));
    }

    private static async Task<Ok<KnowledgeDto>> ReviewAsync(
        string knowledgeId, KnowledgeStatus to, HttpContext context, IKnowledgeControl control, CancellationToken cancellationToken)
    {
        var finding = await control.ReviewAsync(context.User.GetUserId(), knowledgeId, to, cancellationToken)
                      ?? throw new ResourceNotFoundException("The finding");
        return TypedResults.Ok(ToDto(finding));
    }

    private static async Task<Ok<KnowledgeDto>> EditAsync(
        string knowledgeId, EditRequest request, HttpContext context, IKnowledgeControl control, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        ValidateContent(validator, request.Content, required: false);
        var category = validator.Enum<KnowledgeCategory>("category", request.Category);
        if (request.Content is null && request.Category is null)
        {
            validator.Add("content", "Give 'content' or 'category' to change.");
        }
        validator.ThrowIfInvalid();
        var change = await control.EditAsync(context.User.GetUserId(), knowledgeId, request.Content?.Trim(), category, cancellationToken)
                     ?? throw new ResourceNotFoundException("The finding");
        return TypedResults.Ok(ToDto(Changed(change)));
    }

    private static async Task<NoContent> DeleteAsync(
        string id, string knowledgeId, HttpContext context, IKnowledgeStore knowledge, CancellationToken cancellationToken)
    {
        var deleted = await knowledge.DeleteAsync(context.User.GetUserId(), id, knowledgeId, cancellationToken)
                      ?? throw new ResourceNotFoundException("The project");
        return deleted ? TypedResults.NoContent() : throw new ResourceNotFoundException("The finding");
    }

    private static void ValidateContent(Validator validator, string? content, bool required)
    {
        if (required)
        {
            validator.Required("content", content, MaxContentLength);
        }
        else
        {
            validator.Length("content", content, MaxContentLength, minLength: 1);
        }
        if (content is { } text && text.Trim().Length > 0 && !text.Any(char.IsLetterOrDigit))
        {
            validator.Add("content", "'content' must contain words, not only punctuation.");
        }
    }

    private static KnowledgeRecord Changed(KnowledgeChange change) =>
        change.Finding ?? throw new ResourceConflictException(
            $"The project already has this finding ({change.DuplicateOf?.Id}, {change.DuplicateOf?.Status}); edit or accept that one instead.");

    private static KnowledgeDto ToDto(KnowledgeRecord k) => new(k.Id, k.ProjectId, k.TaskId, k.Category, k.Content, k.SourceTaskTitle, k.CreatedAt,
        k.Source, k.CheckpointId, k.AddedBy, k.Status, k.ScreenReason, k.ReviewedBy, k.ReviewedAt, k.EditedBy, k.EditedAt);
}
