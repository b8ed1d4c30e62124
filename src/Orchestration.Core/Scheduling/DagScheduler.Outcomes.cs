using Orchestration.Core.Domain;

namespace Orchestration.Core.Scheduling;

// The outcome of each attempt, as reported by whoever ran it. Each frees the attempt's slot.
public sealed partial class DagScheduler
{
    public CompletionEffects Completed(string projectId, string taskId)
    {
        Release(projectId, taskId);
        if (!TryFind(projectId, taskId, out var schedule, out var index))
        {
            return new CompletionEffects([], null);
        }
        var ready = schedule.Complete(index, out var wave);
        return new CompletionEffects(ready, wave);
    }

    /// <summary>The attempt failed for good: the task is failed and every task downstream is blocked.</summary>
    /// <returns>The tasks that became blocked.</returns>
    public IReadOnlyList<string> Failed(string projectId, string taskId) => Stop(projectId, taskId, TaskItemStatus.Failed);

    /// <summary>The task waits for a person; its dependants are blocked until then.</summary>
    public IReadOnlyList<string> NeedsReview(string projectId, string taskId) => Stop(projectId, taskId, TaskItemStatus.NeedsReview);

    /// <summary>The task was cancelled (in flight or not); its dependants are blocked.</summary>
    public IReadOnlyList<string> Cancelled(string projectId, string taskId) => Stop(projectId, taskId, TaskItemStatus.Cancelled);

    /// <summary>A transient failure: the task is queued again and may start at <paramref name="notBefore"/>.</summary>
    public void RetryLater(string projectId, string taskId, double notBefore)
    {
        Release(projectId, taskId);
        if (TryFind(projectId, taskId, out var schedule, out var index) && schedule.Nodes[index].Status is TaskItemStatus.Running)
        {
            schedule.Nodes[index].NotBefore = notBefore;
            schedule.Enqueue(index);
        }
    }

    /// <summary>The attempt was interrupted (shutdown, budget pause) through no fault of the task: queued again at once.</summary>
    public void Requeued(string projectId, string taskId)
    {
        Release(projectId, taskId);
        if (TryFind(projectId, taskId, out var schedule, out var index) && schedule.Nodes[index].Status is TaskItemStatus.Running)
        {
            schedule.Nodes[index].NotBefore = null;
            schedule.Enqueue(index);
        }
    }

    /// <summary>The attempt ended without an outcome of its own (its claim or result was refused because the
    /// task or project changed underneath it). Frees the slot; the caller reloads the project.</summary>
    public void Abandoned(string projectId, string taskId) => Release(projectId, taskId);

    /// <summary>Another node started an attempt of the task: it is not dispatched here. Ignored unless the task is
    /// queued here (a later status already read, or an attempt of this node's own).</summary>
    public void StartedElsewhere(string projectId, string taskId)
    {
        if (!_inFlight.ContainsKey((projectId, taskId)) && TryFind(projectId, taskId, out var schedule, out var index)
            && schedule.Nodes[index].Status is TaskItemStatus.Queued)
        {
            schedule.Ready.Remove(index);
            schedule.Nodes[index].Status = TaskItemStatus.Running;
            schedule.Nodes[index].NotBefore = null;
        }
    }

    /// <summary>Another node completed the task: its dependants whose dependencies are all done become ready here too
    /// (the rule the completing node applied to the rows).</summary>
    /// <returns>The tasks that became ready.</returns>
    public IReadOnlyList<string> CompletedElsewhere(string projectId, string taskId)
    {
        if (_inFlight.ContainsKey((projectId, taskId)) || !TryFind(projectId, taskId, out var schedule, out var index)
            || schedule.Nodes[index].Status is not (TaskItemStatus.Queued or TaskItemStatus.Running))
        {
            return [];
        }
        schedule.Ready.Remove(index);
        return schedule.Complete(index, out _);
    }

    /// <summary>Where the project stands; see <see cref="ProjectProgress"/>.</summary>
    public ProjectProgress Progress(string projectId)
    {
        if (!_projects.TryGetValue(projectId, out var schedule))
        {
            return ProjectProgress.Drained;
        }
        if (schedule.InFlight > 0)
        {
            return ProjectProgress.Running;
        }
        if (schedule.Paused)
        {
            return ProjectProgress.Drained;
        }
        var nodes = schedule.Nodes;
        if (schedule.ExternalOnly && nodes.Any(n => n.Status is TaskItemStatus.Queued or TaskItemStatus.Running))
        {
            return ProjectProgress.WaitingForExternal;
        }
        if (nodes.Any(n => n.Status is TaskItemStatus.Queued or TaskItemStatus.Running && !schedule.IsHeld(n)))
        {
            return ProjectProgress.Running;
        }
        if (schedule.Hold != BudgetHold.None)
        {
            // Held tasks remain, or a cap cut a task short: either way the budget decides what happens next.
            return ProjectProgress.WaitingForBudget;
        }
        if (nodes.Any(n => n.Status is TaskItemStatus.NeedsReview))
        {
            return ProjectProgress.WaitingForPeople;
        }
        return nodes.Any(n => n.Status is TaskItemStatus.Failed or TaskItemStatus.Blocked or TaskItemStatus.Pending)
            ? ProjectProgress.Failed
            : ProjectProgress.Completed;
    }

    /// <summary>How many of the project's tasks are in each status (for summaries).</summary>
    public IReadOnlyDictionary<TaskItemStatus, int> Counts(string projectId) =>
        _projects.TryGetValue(projectId, out var schedule)
            ? schedule.Nodes.GroupBy(n => n.Status).ToDictionary(g => g.Key, g => g.Count())
            : new Dictionary<TaskItemStatus, int>();

    /// <summary>The project's tasks in <paramref name="status"/>, in plan order.</summary>
    public IReadOnlyList<string> TasksIn(string projectId, TaskItemStatus status) =>
        _projects.TryGetValue(projectId, out var schedule) ? schedule.Nodes.Where(n => n.Status == status).Select(n => n.Id).ToList() : [];

    public TaskItemStatus? StatusOf(string projectId, string taskId) =>
        TryFind(projectId, taskId, out var schedule, out var index) ? schedule.Nodes[index].Status : null;

    private IReadOnlyList<string> Stop(string projectId, string taskId, TaskItemStatus status)
    {
        Release(projectId, taskId);
        return TryFind(projectId, taskId, out var schedule, out var index) ? schedule.Stop(index, status) : [];
    }

    private void Release(string projectId, string taskId)
    {
        if (!_inFlight.Remove((projectId, taskId), out var lane))
        {
            return;
        }
        _laneRunning[lane]--;
        if (_projects.TryGetValue(projectId, out var schedule))
        {
            schedule.InFlight--;
        }
    }

    private bool TryFind(string projectId, string taskId, out ProjectSchedule schedule, out int index)
    {
        index = -1;
        return _projects.TryGetValue(projectId, out schedule!) && schedule.TryIndexOf(taskId, out index);
    }
}
