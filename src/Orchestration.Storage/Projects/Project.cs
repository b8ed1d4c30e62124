using Orchestration.Core.Domain;
using Orchestration.Core.Lifecycle;

namespace Orchestration.Storage.Projects;

public sealed class Project
{
    public string Id { get; init; } = "";
    public string OwnerId { get; init; } = "";
    public string Name { get; init; } = "";
    public string Requirements { get; init; } = "";
    public string Status { get; init; } = ProjectStatusNames.Draft;
    public string? StatusReason { get; init; }
    public string PlanningRigor { get; init; } = "L2";
    public string Config { get; init; } = "{}";
    public double CreatedAt { get; init; }
    public double UpdatedAt { get; init; }
    public double? CompletedAt { get; init; }
    /// <summary>Set while a re-plan is pending: running tasks finish, no new task starts (see IPlanStore.HoldForReplanAsync).</summary>
    public double? ReplanHoldSince { get; init; }

    public ProjectStatus StatusValue => WireNames.Parse<ProjectStatus>(Status);
}

/// <summary>Counts of a project's tasks for list views.</summary>
public sealed record TaskSummary(long Total, long Completed, long Running, long Failed);

public sealed record ProjectListItem(Project Project, TaskSummary? TaskSummary);

/// <summary>Fields a PATCH may change; null means unchanged.</summary>
public sealed record ProjectChanges(string? Name, string? Requirements, string? PlanningRigor, string? Config);
