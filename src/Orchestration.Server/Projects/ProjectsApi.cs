using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Orchestration.Core.Configuration;
using Orchestration.Core.Domain;
using Orchestration.Engine.Execution;
using Orchestration.Engine.Tools.Files;
using Orchestration.Server.Auth;
using Orchestration.Server.Infrastructure;
using Orchestration.Storage.Projects;

namespace Orchestration.Server.Projects;

public static class ProjectsApi
{
    public const int MaxNameLength = 200;
    public const int MaxRequirementsLength = 50_000;
    private const int MaxConfigChars = 20_000;

    public static IEndpointRouteBuilder MapProjects(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/projects").WithTags("Projects").RequireAuthorization();
        group.MapGet("", ListAsync);
        group.MapPost("", CreateAsync);
        group.MapGet("/{id}", GetAsync);
        group.MapPatch("/{id}", UpdateAsync);
        group.MapDelete("/{id}", DeleteAsync);
        return app;
    }

    private static async Task<Ok<List<ProjectListItemDto>>> ListAsync(
        HttpContext context, IProjectStore projects, string? status, int? offset, int? limit, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        var statusFilter = validator.Enum<ProjectStatus>("status", status);
        validator.Range("offset", offset, 0, int.MaxValue).Range("limit", limit, 1, 500).ThrowIfInvalid();
        var (items, total) = await projects.ListAsync(context.User.GetUserId(), statusFilter, offset ?? 0, limit ?? 100, cancellationToken);
        context.Response.Headers["X-Total-Count"] = total.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Ok(items.Select(i => i.ToDto()).ToList());
    }

    private static async Task<Created<ProjectDto>> CreateAsync(
        CreateProjectRequest request, HttpContext context, IProjectStore projects, TimeProvider time, CancellationToken cancellationToken)
    {
        var validator = new Validator()
            .Required("name", request.Name, MaxNameLength)
            .Required("requirements", request.Requirements, MaxRequirementsLength);
        var rigor = validator.Enum<PlanningRigor>("planning_rigor", request.PlanningRigor);
        var config = ValidateConfig(validator, request.Config);
        validator.ThrowIfInvalid();

        var now = time.NowEpoch();
        var project = await projects.CreateAsync(new Project
        {
            Id = Ids.New(),
            OwnerId = context.User.GetUserId(),
            Name = request.Name!.Trim(),
            Requirements = request.Requirements!,
            Status = ProjectStatus.Draft.ToWire(),
            PlanningRigor = (rigor ?? RigorFromConfig(request.Config) ?? PlanningRigor.L2).ToWire(),
            Config = config ?? "{}",
            CreatedAt = now,
            UpdatedAt = now,
        }, cancellationToken);
        return TypedResults.Created($"/api/projects/{project.Id}", project.ToDto());
    }

    private static async Task<Ok<ProjectDto>> GetAsync(string id, HttpContext context, IProjectStore projects, CancellationToken cancellationToken)
    {
        var project = await projects.GetAsync(context.User.GetUserId(), id, cancellationToken) ?? throw new ResourceNotFoundException("The project");
        return TypedResults.Ok(project.ToDto());
    }

    private static async Task<Ok<ProjectDto>> UpdateAsync(
        string id, UpdateProjectRequest request, HttpContext context, IProjectStore projects, TimeProvider time, CancellationToken cancellationToken)
    {
        var validator = new Validator()
            .Length("name", request.Name, MaxNameLength, minLength: 1)
            .Length("requirements", request.Requirements, MaxRequirementsLength, minLength: 1);
        var rigor = validator.Enum<PlanningRigor>("planning_rigor", request.PlanningRigor);
        var config = ValidateConfig(validator, request.Config);
        validator.ThrowIfInvalid();

        var changes = new ProjectChanges(request.Name?.Trim(), request.Requirements, rigor?.ToWire(), config);
        var project = await projects.UpdateAsync(context.User.GetUserId(), id, changes, time.NowEpoch(), cancellationToken)
                      ?? throw new ResourceNotFoundException("The project");
        return TypedResults.Ok(project.ToDto());
    }

    private static async Task<NoContent> DeleteAsync(string id, HttpContext context, IProjectStore projects, IExecutionControl control,
        ExecutionOptions execution, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        // Its attempts stop first: no model call runs on, and no spend is recorded, for a project that is gone.
        await control.StopBeforeDeleteAsync(context.User.GetUserId(), id, cancellationToken);
        var deleted = await projects.DeleteAsync(context.User.GetUserId(), id, cancellationToken);
        if (!deleted)
        {
            throw new ResourceNotFoundException("The project");
        }
        // The files its tasks wrote go with it (docs/api.md: deleting a project deletes what it made).
        try
        {
            new ProjectWorkspace(execution.WorkspaceRoot, id).Delete();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            ProjectLogs.WorkspaceNotDeleted(loggers.CreateLogger(typeof(ProjectsApi)), id, ex);
        }
        return TypedResults.NoContent();
    }

    private static string? ValidateConfig(Validator validator, JsonObject? config)
    {
        if (config is null)
        {
            return null;
        }
        var text = config.ToJsonString();
        if (text.Length > MaxConfigChars)
        {
            validator.Add("config", $"'config' must be at most {MaxConfigChars} characters of JSON.");
        }
        if (config["planning_rigor"] is JsonValue r && (!r.TryGetValue<string>(out var s) || !WireNames.TryParse<PlanningRigor>(s, out _)))
        {
            validator.Add("config.planning_rigor", "'config.planning_rigor' must be one of L1, L2, L3.");
        }
        if (config["execution_mode"] is JsonValue m && (!m.TryGetValue<string>(out var mode) || mode is not ("auto" or "hybrid" or "external")))
        {
            validator.Add("config.execution_mode", "'config.execution_mode' must be one of auto, hybrid, external.");
        }
        return text;
    }

    private static PlanningRigor? RigorFromConfig(JsonObject? config) =>
        config?["planning_rigor"] is JsonValue v && v.TryGetValue<string>(out var s) && WireNames.TryParse<PlanningRigor>(s, out var r) ? r : null;
}
