using Microsoft.AspNetCore.Http.HttpResults;
using Orchestration.Engine.Execution;
using Orchestration.Server.Auth;
using Orchestration.Server.Infrastructure;
using Orchestration.Storage.Execution;
using Orchestration.Storage.Tasks;

namespace Orchestration.Server.Tasks;

/// <summary>docs/api.md, Tasks: retry and cancel one task, or up to 100 at once. Sent with no body (or `{}`); answer the task.</summary>
public static class TaskActionsApi
{
    public const int MaxBulkTasks = 100;

    public static IEndpointRouteBuilder MapTaskActions(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tasks").WithTags("Tasks").RequireAuthorization().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{taskId}/retry", (string taskId, HttpContext context, IExecutionControl control, ITaskReadStore tasks, CancellationToken ct) =>
            RespondAsync(control.RetryTaskAsync(context.User.GetUserId(), taskId, ct), context, tasks, ct));
        group.MapPost("/{taskId}/cancel", (string taskId, HttpContext context, IExecutionControl control, ITaskReadStore tasks, CancellationToken ct) =>
            RespondAsync(control.CancelTaskAsync(context.User.GetUserId(), taskId, ct), context, tasks, ct));
        group.MapPost("/bulk", BulkAsync);
        return app;
    }

    private static async Task<Ok<TaskDto>> RespondAsync(Task<TaskActionOutcome?> action, HttpContext context, ITaskReadStore tasks, CancellationToken ct)
    {
        var outcome = await action ?? throw new ResourceNotFoundException("The task");
        if (outcome.Refusal is { } refusal)
        {
            throw new ResourceConflictException(refusal);
        }
        var task = await tasks.GetAsync(context.User.GetUserId(), outcome.TaskId, ct) ?? throw new ResourceNotFoundException("The task");
        return TypedResults.Ok(task.ToDto());
    }

    private static async Task<Ok<BulkTaskActionResponse>> BulkAsync(
        BulkTaskActionRequest request, HttpContext context, IExecutionControl control, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        var ids = request.TaskIds ?? [];
        if (ids.Count is < 1 or > MaxBulkTasks)
        {
            validator.Add("task_ids", $"'task_ids' must list 1 to {MaxBulkTasks} task ids.");
        }
        if (request.Action is not ("retry" or "cancel"))
        {
            validator.Add("action", "'action' must be retry or cancel.");
        }
        validator.ThrowIfInvalid();

        var userId = context.User.GetUserId();
        var response = new BulkTaskActionResponse([], []);
        foreach (var id in ids.Distinct(StringComparer.Ordinal))
        {
            var outcome = request.Action == "retry"
                ? await control.RetryTaskAsync(userId, id, cancellationToken)
                : await control.CancelTaskAsync(userId, id, cancellationToken);
            if (outcome is { Done: true })
            {
                response.Succeeded.Add(id);
            }
            else
            {
                response.Failed.Add(new BulkFailure(id, outcome?.Refusal ?? "The task was not found."));
            }
        }
        return TypedResults.Ok(response);
    }
}
