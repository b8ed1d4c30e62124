using Microsoft.AspNetCore.Http.HttpResults;
using Orchestration.Engine.Review;
using Orchestration.Server.Auth;
using Orchestration.Server.Infrastructure;
using Orchestration.Storage.Tasks;

namespace Orchestration.Server.Tasks;

/// <summary>docs/api.md, Tasks: POST /api/tasks/{id}/review {action: approve|retry, feedback?} on a task that waits for review.</summary>
public static class TaskReviewApi
{
    public const int MaxFeedbackLength = 10_000;

    public static IEndpointRouteBuilder MapTaskReview(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/tasks").WithTags("Tasks").RequireAuthorization().MapPost("/{taskId}/review", ReviewAsync)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    public sealed record ReviewRequest(string? Action, string? Feedback);

    private static async Task<Ok<TaskDto>> ReviewAsync(
        string taskId, ReviewRequest request, HttpContext context, IReviewControl review, ITaskReadStore tasks, CancellationToken cancellationToken)
    {
        var validator = new Validator().Length("feedback", request.Feedback, MaxFeedbackLength);
        var action = request.Action switch
        {
            "approve" => ReviewAction.Approve,
            "retry" => ReviewAction.Retry,
            _ => default(ReviewAction?),
        };
        if (action is null)
        {
            validator.Add("action", "'action' must be approve or retry.");
        }
        validator.ThrowIfInvalid();

        var userId = context.User.GetUserId();
        var outcome = await review.ReviewAsync(userId, taskId, action!.Value, request.Feedback, cancellationToken)
                      ?? throw new ResourceNotFoundException("The task");
        if (outcome.Refusal is { } refusal)
        {
            throw new ResourceConflictException(refusal);
        }
        var task = await tasks.GetAsync(userId, taskId, cancellationToken) ?? throw new ResourceNotFoundException("The task");
        return TypedResults.Ok(task.ToDto());
    }
}
