using Microsoft.AspNetCore.Http.HttpResults;
using Orchestration.Engine.Execution;
using Orchestration.Server.Auth;
using Orchestration.Server.Infrastructure;
using Orchestration.Storage.Tasks;

namespace Orchestration.Server.Tasks;

/// <summary>
/// External workers (projects with config.execution_mode hybrid or external): POST /api/tasks/{id}/claim → the task, its
/// attempt, lease and prompt; /submit {attempt, output} completes it; /release {attempt} puts it back in the queue.
/// </summary>
public static class ExternalTasksApi
{
    public const int MaxOutputLength = 1_000_000;

    public static IEndpointRouteBuilder MapExternalTasks(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tasks").WithTags("Tasks").RequireAuthorization().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{taskId}/claim", ClaimAsync);
        group.MapPost("/{taskId}/submit", SubmitAsync);
        group.MapPost("/{taskId}/release", ReleaseAsync);
        return app;
    }

    public sealed record ClaimResponse(TaskDto Task, long Attempt, double LeaseExpiresAt, ExternalPrompt Prompt);

    /// <summary>The prompt the executor would send a model: system (instructions, requirements, plan, knowledge) and task.</summary>
    public sealed record ExternalPrompt(string System, string Task);

    public sealed record SubmitRequest(long? Attempt, string? Output);

    public sealed record ReleaseRequest(long? Attempt);

    private static async Task<Ok<ClaimResponse>> ClaimAsync(
        string taskId, HttpContext context, IExternalWork work, ITaskReadStore tasks, CancellationToken cancellationToken)
    {
        var userId = context.User.GetUserId();
        var claim = await work.ClaimAsync(userId, taskId, cancellationToken) ?? throw new ResourceNotFoundException("The task");
        if (claim.Refusal is { } refusal)
        {
            throw new ResourceConflictException(refusal);
        }
        var task = await tasks.GetAsync(userId, taskId, cancellationToken) ?? throw new ResourceNotFoundException("The task");
        return TypedResults.Ok(new ClaimResponse(task.ToDto(), claim.Attempt, claim.LeaseExpiresAt, new ExternalPrompt(claim.SystemPrompt, claim.TaskPrompt)));
    }

    private static async Task<Ok<TaskDto>> SubmitAsync(
        string taskId, SubmitRequest request, HttpContext context, IExternalWork work, ITaskReadStore tasks, CancellationToken cancellationToken)
    {
        AttemptOf(request.Attempt).Required("output", request.Output, MaxOutputLength).ThrowIfInvalid();
        var userId = context.User.GetUserId();
        Settled(await work.SubmitAsync(userId, taskId, request.Attempt!.Value, request.Output!, cancellationToken));
        return TypedResults.Ok((await tasks.GetAsync(userId, taskId, cancellationToken) ?? throw new ResourceNotFoundException("The task")).ToDto());
    }

    private static async Task<Ok<TaskDto>> ReleaseAsync(
        string taskId, ReleaseRequest request, HttpContext context, IExternalWork work, ITaskReadStore tasks, CancellationToken cancellationToken)
    {
        AttemptOf(request.Attempt).ThrowIfInvalid();
        var userId = context.User.GetUserId();
        Settled(await work.ReleaseAsync(userId, taskId, request.Attempt!.Value, cancellationToken));
        return TypedResults.Ok((await tasks.GetAsync(userId, taskId, cancellationToken) ?? throw new ResourceNotFoundException("The task")).ToDto());
    }

    private static Validator AttemptOf(long? attempt) => attempt is null
        ? new Validator().Add("attempt", "'attempt' is required: the attempt number the claim returned.")
        : new Validator().Range("attempt", attempt, 1, long.MaxValue);

    private static void Settled(ExternalWorkOutcome? outcome)
    {
        if (outcome is null)
        {
            throw new ResourceNotFoundException("The task");
        }
        if (outcome.Refusal is { } refusal)
        {
            throw new ResourceConflictException(refusal);
        }
    }
}
