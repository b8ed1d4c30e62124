using System.Text.Json.Nodes;
using Orchestration.Core.Lifecycle;
using Orchestration.Storage.Projects;

namespace Orchestration.Server.Projects;

public static class ProjectMapping
{
    public static ProjectDto ToDto(this Project p) => new(
        p.Id, p.Id, p.Name, p.Status, p.StatusReason, p.PlanningRigor, p.Requirements, p.CreatedAt, p.UpdatedAt, p.CompletedAt,
        JsonNode.Parse(p.Config) as JsonObject ?? [],
        // A hold outlives nothing: a project cancelled or finished meanwhile is not being re-planned.
        p.ReplanHoldSince is not null && p.Status is ProjectStatusNames.Executing or ProjectStatusNames.Paused or ProjectStatusNames.Failed);

    public static ProjectListItemDto ToDto(this ProjectListItem item) => new(
        item.Project.Id, item.Project.Name, item.Project.Status, item.Project.PlanningRigor,
        item.Project.CreatedAt, item.Project.UpdatedAt, item.Project.CompletedAt,
        item.TaskSummary is { } s ? new TaskSummaryDto(s.Total, s.Completed, s.Running, s.Failed) : null);
}
