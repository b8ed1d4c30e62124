using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Orchestration.Core.Planning;
using Orchestration.Core.Planning.Diff;
using Orchestration.Engine.Planning;
using Orchestration.Server.Auth;
using Orchestration.Server.Infrastructure;
using Orchestration.Storage.Plans;

namespace Orchestration.Server.Plans;

/// <summary>Planning a project, its plan versions, editing a draft, approving it into tasks, requirement coverage.</summary>
public static class PlansApi
{
    public const int MaxReplanTextLength = 20_000;

    public static IEndpointRouteBuilder MapPlans(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/projects/{id}").WithTags("Plans").RequireAuthorization().WithPlanningProblems();
        // Action POSTs read no body: none, `{}` or anything else is accepted alike (docs/api.md, Conventions).
        group.MapPost("/plan", PlanAsync);
        group.MapGet("/plans", ListAsync);
        group.MapGet("/plans/{planId}", GetAsync);
        group.MapPatch("/plans/{planId}", EditAsync);
        group.MapPost("/plans/{planId}/approve", ApproveAsync);
        group.MapPost("/plans/{planId}/reject", RejectAsync);
        group.MapPost("/replan", ReplanAsync);
        group.MapGet("/plans/{a}/diff/{b}", DiffAsync);
        group.MapGet("/coverage", CoverageAsync);
        return app;
    }

    private static async Task<Ok<PlanDto>> PlanAsync(string id, HttpContext context, IPlanner planner, CancellationToken cancellationToken)
    {
        var plan = await planner.PlanAsync(context.User.GetUserId(), id, cancellationToken) ?? throw new ResourceNotFoundException("The project");
        return TypedResults.Ok(plan.ToDto());
    }

    /// <summary>Re-plans the unfinished work of an executing, paused or failed project (docs/planning.md). The body is
    /// optional: <c>{"changes": "...", "instructions": "..."}</c>.</summary>
    private static async Task<Ok<ReplanResponse>> ReplanAsync(
        string id, ReplanRequest? request, HttpContext context, IPlanner planner, CancellationToken cancellationToken)
    {
        new Validator()
            .Length("changes", request?.Changes, MaxReplanTextLength)
            .Length("instructions", request?.Instructions, MaxReplanTextLength)
            .ThrowIfInvalid();
        var draft = await planner.ReplanAsync(context.User.GetUserId(), id, Blank(request?.Changes), Blank(request?.Instructions), cancellationToken)
                    ?? throw new ResourceNotFoundException("The project");
        return TypedResults.Ok(draft.ToReplanDto(PlanMapping.Diff(draft.RunningPlan, draft.Draft)));
    }

    /// <summary>Rejects a draft; a re-plan's rejection lets the run go on with the plan it had.</summary>
    private static async Task<Ok<PlanDto>> RejectAsync(string id, string planId, HttpContext context, IPlanService service, CancellationToken cancellationToken)
    {
        var plan = await service.RejectAsync(context.User.GetUserId(), id, planId, cancellationToken) ?? throw new ResourceNotFoundException("The plan");
        return TypedResults.Ok(plan.ToDto());
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static async Task<Ok<List<PlanDto>>> ListAsync(string id, HttpContext context, IPlanStore plans, CancellationToken cancellationToken)
    {
        var list = await plans.ListAsync(context.User.GetUserId(), id, cancellationToken) ?? throw new ResourceNotFoundException("The project");
        return TypedResults.Ok(list.Select(p => p.ToDto()).ToList());
    }

    /// <summary><paramref name="planId"/> is the plan's id or its version number (3 or v3).</summary>
    private static async Task<Ok<PlanDto>> GetAsync(string id, string planId, HttpContext context, IPlanStore plans, CancellationToken cancellationToken)
    {
        var plan = PlanRef.Parse(planId) is { IsVersion: true } version
            ? version.FindIn(await plans.ListAsync(context.User.GetUserId(), id, cancellationToken) ?? [])
            : await plans.GetAsync(context.User.GetUserId(), id, planId, cancellationToken);
        return TypedResults.Ok((plan ?? throw new ResourceNotFoundException("The plan")).ToDto());
    }

    /// <summary>What changed from plan <paramref name="a"/> to plan <paramref name="b"/>, each an id or a version number.</summary>
    private static async Task<Results<Ok<PlanDiffDto>, ProblemHttpResult>> DiffAsync(
        string id, string a, string b, HttpContext context, IPlanStore plans, CancellationToken cancellationToken)
    {
        if (PlanRef.Parse(a) is not { } from || PlanRef.Parse(b) is not { } to)
        {
            var malformed = new[] { a, b }.Where(r => PlanRef.Parse(r) is null).Distinct().Select(r => $"'{r}' is not {PlanRef.Expected}.");
            return TypedResults.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest, Title = "Bad request", Detail = string.Join(" ", malformed),
            });
        }
        var versions = await plans.ListAsync(context.User.GetUserId(), id, cancellationToken) ?? throw new ResourceNotFoundException("The project");
        var before = from.FindIn(versions) ?? throw new ResourceNotFoundException($"Plan {from}");
        var after = to.FindIn(versions) ?? throw new ResourceNotFoundException($"Plan {to}");
        return TypedResults.Ok(PlanMapping.Diff(before, after));
    }

    /// <summary>Body: <c>{"plan": {...}}</c>; a bare plan object is accepted too.</summary>
    private static async Task<Ok<PlanDto>> EditAsync(
        string id, string planId, JsonNode? body, HttpContext context, IPlanService service, CancellationToken cancellationToken)
    {
        // A repeated key or an escaped lone surrogate passes the JSON reader and fails only when read: a problem, not a 500.
        if (PlanJson.FindUnreadable(body) is { } unreadable)
        {
            new Validator().Add(unreadable.Path.Length == 0 ? "plan" : unreadable.Path, unreadable.Problem).ThrowIfInvalid();
        }
        var plan = body switch
        {
            JsonObject obj when obj.ContainsKey("plan") => obj["plan"],
            JsonObject obj when obj.ContainsKey("summary") || obj.ContainsKey("tasks") || obj.ContainsKey("phases") => obj,
            _ => null,
        };
        if (plan is not JsonObject)
        {
            new Validator().Add("plan", "'plan' is required: send {\"plan\": {summary, tasks | phases, ...}}.").ThrowIfInvalid();
        }
        var edited = await service.EditAsync(context.User.GetUserId(), id, planId, plan, cancellationToken)
                     ?? throw new ResourceNotFoundException("The plan");
        return TypedResults.Ok(edited.ToDto());
    }

    /// <summary><c>?force=true</c> approves a plan whose high forecast does not fit a budget cap (else a 402).</summary>
    private static async Task<Ok<ApproveResponse>> ApproveAsync(
        string id, string planId, bool? force, HttpContext context, IPlanService service, CancellationToken cancellationToken)
    {
        var outcome = await service.ApproveAsync(context.User.GetUserId(), id, planId, force ?? false, cancellationToken)
                      ?? throw new ResourceNotFoundException("The plan");
        return TypedResults.Ok(outcome.ToDto(planId));
    }

    private static async Task<Ok<CoverageDto>> CoverageAsync(string id, HttpContext context, IPlanService service, CancellationToken cancellationToken)
    {
        var report = await service.CoverageAsync(context.User.GetUserId(), id, cancellationToken) ?? throw new ResourceNotFoundException("The project");
        return TypedResults.Ok(report.ToDto());
    }
}
