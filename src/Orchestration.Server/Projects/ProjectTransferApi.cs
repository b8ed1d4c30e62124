using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Orchestration.Core.Domain;
using Orchestration.Server.Auth;
using Orchestration.Server.Infrastructure;
using Orchestration.Storage.Projects;
using Orchestration.Storage.Transfer;
using Orchestration.Core.Lifecycle;

namespace Orchestration.Server.Projects;

/// <summary>Clone, export and import of whole projects (docs/api.md, Projects).</summary>
public static class ProjectTransferApi
{
    /// <summary>Exports carry task outputs and event timelines, so imports may be far larger than ordinary bodies.</summary>
    public const long MaxImportBytes = 50 * 1024 * 1024;

    public static IEndpointRouteBuilder MapProjectTransfer(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/projects").WithTags("Projects").RequireAuthorization();
        group.MapPost("/{id}/clone", CloneAsync);
        group.MapGet("/{id}/export", ExportAsync);
        group.MapPost("/import", ImportAsync).WithMetadata(new RequestSizeLimitAttribute(MaxImportBytes));
        return app;
    }

    private static async Task<Created<ProjectDto>> CloneAsync(
        string id, HttpContext context, IProjectTransferStore transfer, IProjectStore projects, TimeProvider time, CancellationToken cancellationToken)
    {
        var owner = context.User.GetUserId();
        var cloneId = await transfer.CloneAsync(owner, id, time.NowEpoch(), cancellationToken) ?? throw new ResourceNotFoundException("The project");
        var clone = await projects.GetAsync(owner, cloneId, cancellationToken);
        return TypedResults.Created($"/api/projects/{cloneId}", clone!.ToDto());
    }

    private static async Task<IResult> ExportAsync(
        string id, HttpContext context, IProjectTransferStore transfer, TimeProvider time, CancellationToken cancellationToken)
    {
        var document = await transfer.ExportAsync(context.User.GetUserId(), id, time.NowEpoch(), cancellationToken)
                       ?? throw new ResourceNotFoundException("The project");
        var name = new string((document["project"]?["name"]?.GetValue<string>() ?? "project")
            .Select(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' ? ch : '-').ToArray()).Trim('-');
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{(name.Length == 0 ? "project" : name)}-{id[..8]}.json\"";
        return TypedResults.Text(document.ToJsonString(), "application/json");
    }

    private static async Task<Created<ProjectDto>> ImportAsync(
        JsonObject document, HttpContext context, IProjectTransferStore transfer, IProjectStore projects, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var validator = new Validator();
        if (document["project"] is not JsonObject project)
        {
            validator.Add("project", "'project' is required: send a document made by GET /api/projects/{id}/export.");
        }
        else
        {
            validator.Required("project.name", StringOf(project["name"]), ProjectsApi.MaxNameLength)
                .Required("project.requirements", StringOf(project["requirements"]), ProjectsApi.MaxRequirementsLength);
            validator.Enum<PlanningRigor>("project.planning_rigor", StringOf(project["planning_rigor"]) ?? "L2");
            validator.Enum<ProjectStatus>("project.status", StringOf(project["status"]) ?? ProjectStatusNames.Draft);
        }
        foreach (var key in new[] { "plans", "tasks", "events", "checkpoints", "knowledge", "task_dependencies" })
        {
            if (document[key] is not null and not JsonArray)
            {
                validator.Add(key, $"'{key}' must be an array.");
            }
        }
        validator.ThrowIfInvalid();

        string newId;
        try
        {
            newId = await transfer.ImportAsync(context.User.GetUserId(), document, time.NowEpoch(), cancellationToken);
        }
        catch (TransferException ex)
        {
            throw new RequestValidationException(new Dictionary<string, string[]> { ["document"] = [ex.Message] });
        }
        var imported = await projects.GetAsync(context.User.GetUserId(), newId, cancellationToken);
        return TypedResults.Created($"/api/projects/{newId}", imported!.ToDto());
    }

    private static string? StringOf(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
