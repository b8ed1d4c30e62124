using System.Text.Json.Nodes;

namespace Orchestration.Server.Projects;

public sealed record CreateProjectRequest(string? Name, string? Requirements, string? PlanningRigor, JsonObject? Config);

public sealed record UpdateProjectRequest(string? Name, string? Requirements, string? PlanningRigor, JsonObject? Config);

public sealed record TaskSummaryDto(long Total, long Completed, long Running, long Failed);

public sealed record ProjectListItemDto(
    string Id, string Name, string Status, string PlanningRigor, double CreatedAt, double UpdatedAt, double? CompletedAt,
    TaskSummaryDto? TaskSummary);

public sealed record ProjectDto(
    string Id, string ProjectId, string Name, string Status, string? StatusReason, string PlanningRigor, string Requirements,
    double CreatedAt, double UpdatedAt, double? CompletedAt, JsonObject Config, bool Replanning);
