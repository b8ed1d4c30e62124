using Microsoft.AspNetCore.Http.HttpResults;
using Orchestration.Engine.Review;
using Orchestration.Server.Auth;
using Orchestration.Server.Infrastructure;
using Orchestration.Storage.Checkpoints;
using Orchestration.Storage.Execution;

namespace Orchestration.Server.Checkpoints;

/// <summary>docs/api.md, Checkpoints: list a project's checkpoints, read one, and resolve it with retry, skip or fail.</summary>
public static class CheckpointsApi
{
    public const int MaxTextLength = 10_000;

    public static IEndpointRouteBuilder MapCheckpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/checkpoints").WithTags("Checkpoints").RequireAuthorization();
        group.MapGet("/project/{id}", ListAsync);
        group.MapGet("/{checkpointId}", GetAsync);
        group.MapPost("/{checkpointId}/resolve", ResolveAsync).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    public sealed record ResolveRequest(string? Action, string? Guidance, string? Gotcha);

    private static async Task<Ok<List<CheckpointDto>>> ListAsync(
        string id, string? resolved, HttpContext context, ICheckpointStore checkpoints, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        bool? includeResolved = resolved switch
        {
            null or "false" or "0" => false,
            "true" or "1" => true,
            _ => null,
        };
        if (includeResolved is null)
        {
            validator.Add("resolved", "'resolved' must be true or false.");
        }
        validator.ThrowIfInvalid();
        var list = await checkpoints.ListAsync(context.User.GetUserId(), id, includeResolved!.Value, cancellationToken)
                   ?? throw new ResourceNotFoundException("The project");
        return TypedResults.Ok(list.Select(c => c.ToDto()).ToList());
    }

    private static async Task<Ok<CheckpointDto>> GetAsync(string checkpointId, HttpContext context, ICheckpointStore checkpoints,
        CancellationToken cancellationToken)
    {
        var checkpoint = await checkpoints.GetAsync(context.User.GetUserId(), checkpointId, cancellationToken)
                         ?? throw new ResourceNotFoundException("The checkpoint");
        return TypedResults.Ok(checkpoint.ToDto());
    }

    private static async Task<Ok<CheckpointDto>> ResolveAsync(
        string checkpointId, ResolveRequest request, HttpContext context, IReviewControl review, CancellationToken cancellationToken)
    {
        var validator = new Validator().Length("guidance", request.Guidance, MaxTextLength).Length("gotcha", request.Gotcha, MaxTextLength);
        if (request.Action is not ("retry" or "skip" or "fail"))
        {
            validator.Add("action", "'action' must be retry, skip or fail.");
        }
        validator.ThrowIfInvalid();

        var resolution = await review.ResolveCheckpointAsync(context.User.GetUserId(), checkpointId,
                             new CheckpointDecision(request.Action!, request.Guidance, request.Gotcha), cancellationToken)
                         ?? throw new ResourceNotFoundException("The checkpoint");
        if (resolution.Refusal is { } refusal)
        {
            throw new ResourceConflictException(refusal);
        }
        return TypedResults.Ok(resolution.Checkpoint.ToDto());
    }
}
