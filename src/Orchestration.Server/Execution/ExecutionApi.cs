using Microsoft.AspNetCore.Http.HttpResults;
using Orchestration.Engine.Execution;
using Orchestration.Server.Auth;
using Orchestration.Server.Infrastructure;
using Orchestration.Server.Projects;
using Orchestration.Storage.Projects;

namespace Orchestration.Server.Execution;

/// <summary>docs/api.md, Execution: execute (start or resume), pause, cancel. Sent with no body or `{}`; answer the project.</summary>
public static class ExecutionApi
{
    public static IEndpointRouteBuilder MapExecution(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/projects").WithTags("Execution").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status402PaymentRequired).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id}/execute", (string id, HttpContext context, IExecutionControl control, CancellationToken ct) =>
            RespondAsync(control.ExecuteAsync(context.User.GetUserId(), id, ct)));
        group.MapPost("/{id}/pause", (string id, HttpContext context, IExecutionControl control, CancellationToken ct) =>
            RespondAsync(control.PauseAsync(context.User.GetUserId(), id, ct)));
        group.MapPost("/{id}/cancel", (string id, HttpContext context, IExecutionControl control, CancellationToken ct) =>
            RespondAsync(control.CancelAsync(context.User.GetUserId(), id, ct)));
        return app;
    }

    // An illegal transition throws IllegalTransitionException, which the exception handler answers with 409.
    private static async Task<Ok<ProjectDto>> RespondAsync(Task<Project?> action) =>
        TypedResults.Ok((await action ?? throw new ResourceNotFoundException("The project")).ToDto());
}
