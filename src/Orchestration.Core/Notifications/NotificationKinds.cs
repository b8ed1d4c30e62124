using Orchestration.Core.Events;

namespace Orchestration.Core.Notifications;

/// <summary>
/// The kinds of notification a webhook may ask for (<c>notifications.webhooks[].events</c>) and the engine events behind
/// each. One event makes at most one delivery per webhook; events not listed here are never delivered.
/// </summary>
public static class NotificationKinds
{
    /// <summary>A task waits for a person: task_needs_review (a review) or checkpoint (a checkpoint opened).</summary>
    public const string Wait = "wait";
    /// <summary>A wait nobody answered ended by execution.wait_expiry: wait_expired.</summary>
    public const string WaitExpired = EventTypes.WaitExpired;
    // NOTE: the other kinds are named after the one event each stands for.
    public const string BudgetWarning = EventTypes.BudgetWarning;
    public const string TaskFailed = EventTypes.TaskFailed;
    public const string ProjectFailed = EventTypes.ProjectFailed;
    public const string ProjectComplete = EventTypes.ProjectComplete;

    public static IReadOnlyList<string> All { get; } = [Wait, WaitExpired, BudgetWarning, TaskFailed, ProjectFailed, ProjectComplete];

    private static readonly Dictionary<string, string> ByEvent = new(StringComparer.Ordinal)
    {
        [EventTypes.TaskNeedsReview] = Wait,
        [EventTypes.Checkpoint] = Wait,
        [EventTypes.WaitExpired] = WaitExpired,
        [EventTypes.BudgetWarning] = BudgetWarning,
        [EventTypes.TaskFailed] = TaskFailed,
        [EventTypes.ProjectFailed] = ProjectFailed,
        [EventTypes.ProjectComplete] = ProjectComplete,
    };

    /// <summary>The engine events of each kind, for the docs and the tests.</summary>
    public static IReadOnlyList<(string Kind, string EventType)> Mapping { get; } = [.. ByEvent.Select(p => (p.Value, p.Key))];

    /// <summary>The kind an event of <paramref name="eventType"/> is delivered as; null when it is never delivered.</summary>
    public static string? OfEvent(string eventType) => ByEvent.GetValueOrDefault(eventType);
}
