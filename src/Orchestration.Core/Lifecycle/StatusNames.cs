namespace Orchestration.Core.Lifecycle;

// NOTE: the stored and wire names of the statuses, as constants so that SQL can name them in its text (a prepared
// statement's plan stays fixed). They equal WireNames.ToWire() of each enum value (tested); no other file spells them.

/// <summary>The names of <see cref="Domain.TaskItemStatus"/> values.</summary>
public static class TaskStatusNames
{
    public const string Pending = "pending";
    public const string Blocked = "blocked";
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string NeedsReview = "needs_review";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";
}

/// <summary>The names of <see cref="Domain.ProjectStatus"/> values.</summary>
public static class ProjectStatusNames
{
    public const string Draft = "draft";
    public const string Planning = "planning";
    public const string Ready = "ready";
    public const string Executing = "executing";
    public const string Paused = "paused";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";
}

/// <summary>The names of <see cref="Domain.PlanStatus"/> values.</summary>
public static class PlanStatusNames
{
    public const string Draft = "draft";
    public const string Approved = "approved";
    public const string Superseded = "superseded";
    public const string Rejected = "rejected";
}

/// <summary>The statuses of a webhook delivery (notification_deliveries.status).</summary>
public static class DeliveryStatusNames
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Failed = "failed";
}
