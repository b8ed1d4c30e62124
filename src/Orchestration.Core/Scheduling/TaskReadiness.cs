using Orchestration.Core.Domain;
using static Orchestration.Core.Domain.TaskItemStatus;

namespace Orchestration.Core.Scheduling;

/// <summary>
/// The one rule for tasks that have not started: ready (queued) when every dependency completed, blocked when a
/// dependency failed, was cancelled, waits for review or is itself blocked, else pending. The scheduler applies it in
/// memory and <see cref="ReadinessPropagation"/> to stored tasks, so memory and database agree.
/// </summary>
public static class TaskReadiness
{
    public static bool IsWaiting(TaskItemStatus status) => status is Pending or Queued or Blocked;

    public static bool Blocks(TaskItemStatus dependency) => dependency is Failed or Cancelled or Blocked or NeedsReview;

    /// <summary>The status a waiting task should have given its dependencies' statuses; other statuses are kept.</summary>
    public static TaskItemStatus Derive(TaskItemStatus current, IEnumerable<TaskItemStatus> dependencies)
    {
        if (!IsWaiting(current))
        {
            return current;
        }
        var allCompleted = true;
        foreach (var dependency in dependencies)
        {
            if (Blocks(dependency))
            {
                return Blocked;
            }
            allCompleted &= dependency is Completed;
        }
        return allCompleted ? Queued : Pending;
    }
}

