using Orchestration.Core.Domain;
using static Orchestration.Core.Domain.TaskItemStatus;

namespace Orchestration.Core.Lifecycle;

/// <summary>Every allowed task status change, in one table. Writes are guarded by the expected prior status.</summary>
public static class TaskTransitions
{
    private static readonly Dictionary<TaskItemStatus, TaskItemStatus[]> Allowed = new()
    {
        [Pending] = [Queued, Blocked, Cancelled],
        [Blocked] = [Pending, Queued, Cancelled],
        [Queued] = [Running, Pending, Blocked, Cancelled],
        // Running back to queued: a transient failure waiting for its retry, or an interrupted attempt.
        [Running] = [Completed, NeedsReview, Failed, Queued, Pending, Cancelled],
        // Waiting for a person (review or checkpoint): approve/skip, retry, cancel, or fail at a checkpoint.
        [NeedsReview] = [Completed, Pending, Queued, Cancelled, Failed],
        [Failed] = [Pending, Queued, Cancelled],
        [Completed] = [],
        [Cancelled] = [Pending],
    };

    public static bool CanMove(TaskItemStatus from, TaskItemStatus to) =>
        Allowed.TryGetValue(from, out var targets) && targets.Contains(to);

    public static void EnsureCanMove(TaskItemStatus from, TaskItemStatus to)
    {
        if (!CanMove(from, to))
        {
            throw new IllegalTransitionException("task", from.ToWire(), to.ToWire());
        }
    }

    public static bool IsTerminal(TaskItemStatus status) => status is Completed or Cancelled;
}
