using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Orchestration.Core.Domain;
using Orchestration.Core.Planning;
using Orchestration.Server.Auth;
using Orchestration.Server.Infrastructure;
using Orchestration.Server.Plans;
using Orchestration.Storage.Tasks;

namespace Orchestration.Server.Tasks;

/// <summary>Listing, reading and editing tasks (docs/api.md, Tasks). Task actions (retry, cancel, review, bulk) live with execution.</summary>
public static class TaskQueriesApi
{
    public const int MaxLimit = 1000;
    public const int MaxTokensLimit = 16_384;
    private const int MaxSearchLength = 200;

    public static IEndpointRouteBuilder MapTaskQueries(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tasks").WithTags("Tasks").RequireAuthorization().WithPlanningProblems();
        group.MapGet("/project/{id}", ListAsync);
        group.MapGet("/{taskId}", GetAsync);
        group.MapPatch("/{taskId}", UpdateAsync);
        return app;
    }

    private static async Task<Ok<List<TaskDto>>> ListAsync(
        string id, HttpContext context, ITaskReadStore tasks, string? status, int? wave, string? phase,
        [FromQuery(Name = "model_tier")] string? modelTier, string? search, string? sort,
        [FromQuery(Name = "sort_dir")] string? sortDir, [FromQuery(Name = "exclude_output")] string? excludeOutput,
        [FromQuery(Name = "plan_id")] string? planId, int? offset, int? limit, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        var statusFilter = validator.Enum<TaskItemStatus>("status", status);
        var tierFilter = validator.Enum<ModelTier>("model_tier", modelTier);
        validator.Range("wave", wave, 0, int.MaxValue).Range("offset", offset, 0, int.MaxValue).Range("limit", limit, 1, MaxLimit)
            .Length("search", search, MaxSearchLength);
        var order = ParseSort(validator, sort);
        var descending = sortDir switch
        {
            null => (bool?)null,
            "asc" => false,
            "desc" => true,
            _ => Invalid<bool?>(validator, "sort_dir", "'sort_dir' must be asc or desc."),
        };
        var exclude = excludeOutput switch
        {
            null or "false" or "0" => false,
            "true" or "1" => true,
            _ => Invalid<bool>(validator, "exclude_output", "'exclude_output' must be true or false."),
        };
        validator.ThrowIfInvalid();

        var query = new TaskQuery(statusFilter, wave, phase, tierFilter, search, planId, order, descending, exclude, offset ?? 0, limit ?? MaxLimit);
        var page = await tasks.ListAsync(context.User.GetUserId(), id, query, cancellationToken) ?? throw new ResourceNotFoundException("The project");
        context.Response.Headers["X-Total-Count"] = page.Total.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Ok(page.Items.Select(t => t.ToDto()).ToList());
    }

    private static async Task<Ok<TaskDto>> GetAsync(string taskId, HttpContext context, ITaskReadStore tasks, CancellationToken cancellationToken)
    {
        var task = await tasks.GetAsync(context.User.GetUserId(), taskId, cancellationToken) ?? throw new ResourceNotFoundException("The task");
        return TypedResults.Ok(task.ToDto());
    }

    private static async Task<Ok<TaskDto>> UpdateAsync(
        string taskId, UpdateTaskRequest request, HttpContext context, ITaskReadStore tasks, TimeProvider time, CancellationToken cancellationToken)
    {
        var validator = new Validator()
            .Length("title", request.Title, PlanLimits.MaxTitleLength, minLength: 1)
            .Length("description", request.Description, PlanLimits.MaxDescriptionLength)
            .Range("priority", request.Priority, PlanLimits.MinPriority, PlanLimits.MaxPriority)
            .Range("max_tokens", request.MaxTokens, 1, MaxTokensLimit);
        var tier = validator.Enum<ModelTier>("model_tier", request.ModelTier);
        validator.ThrowIfInvalid();

        var patch = new TaskPatch(request.Title?.Trim(), request.Description, tier, request.Priority, request.MaxTokens);
        var task = await tasks.PatchAsync(context.User.GetUserId(), taskId, patch, time.NowEpoch(), cancellationToken)
                   ?? throw new ResourceNotFoundException("The task");
        return TypedResults.Ok(task.ToDto());
    }

    private static TaskSort ParseSort(Validator validator, string? sort) => sort switch
    {
        null => TaskSort.Default,
        "priority" => TaskSort.Priority,
        "created_at" => TaskSort.CreatedAt,
        "wave" => TaskSort.Wave,
        "status" => TaskSort.Status,
        _ => Invalid<TaskSort>(validator, "sort", "'sort' must be one of priority, created_at, wave, status."),
    };

    private static T Invalid<T>(Validator validator, string field, string message)
    {
        validator.Add(field, message);
        return default!;
    }
}
