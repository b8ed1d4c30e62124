using Orchestration.Core.Domain;

namespace Orchestration.Core.Scheduling;

/// <summary>
/// The pure scheduling core (no I/O, single-threaded): decides which ready tasks of which projects start now,
/// within the global and per-lane concurrency limits. Event-driven: callers report every attempt's outcome and ask
/// for <see cref="Dispatch"/> again; nothing depends on a polling interval or on wave boundaries.
/// </summary>
public sealed partial class DagScheduler(SchedulerLimits limits, TimeProvider time)
{
    private readonly Dictionary<string, ProjectSchedule> _projects = new(StringComparer.Ordinal);
    // NOTE: attempts in flight are tracked apart from the project graphs, so reloading or removing a project
    // never loses count of a running attempt; its slot is freed only when its outcome is reported.
    private readonly Dictionary<(string Project, string Task), string> _inFlight = [];
    private readonly Dictionary<string, int> _laneRunning = new(StringComparer.Ordinal);

    public SchedulerLimits Limits { get; } = limits;

    /// <summary>Among ready tasks equal in critical path and priority, dispatch in an order of this process's own rather
    /// than plan order: nodes sharing a database then mostly pick different tasks instead of racing for the same.</summary>
    public bool SpreadTies { get; init; }

    /// <summary>Attempts in flight across all projects.</summary>
    public int Running => _inFlight.Count;

    public int RunningInLane(string lane) => _laneRunning.GetValueOrDefault(lane);

    public IReadOnlyCollection<string> Projects => _projects.Keys;

    public bool Contains(string projectId) => _projects.ContainsKey(projectId);

    public bool IsInFlight(string projectId, string taskId) => _inFlight.ContainsKey((projectId, taskId));

    /// <summary>Loads (or reloads) a project's tasks and lets it run. Statuses are normalised by
    /// <see cref="TaskReadiness"/>; tasks with an attempt in flight stay running whatever the rows say, so their
    /// dependants wait for the attempt to end (a completed row's attempt may still be running its completion hooks).</summary>
    public void Activate(string projectId, IReadOnlyList<ScheduledTask> tasks)
    {
        // Before readiness is derived: a completed row whose attempt still runs here holds its dependants back.
        var rows = tasks.Select(t => t.Status is TaskItemStatus.Completed && IsInFlight(projectId, t.Id) ? t with { Status = TaskItemStatus.Running } : t);
        var schedule = new ProjectSchedule(projectId, [.. rows], SpreadTies);
        foreach (var node in schedule.Nodes)
        {
            if (_inFlight.ContainsKey((projectId, node.Id)) && schedule.TryIndexOf(node.Id, out var i))
            {
                schedule.Ready.Remove(i);
                schedule.InFlight++;
                if (node.Status is not TaskItemStatus.Cancelled)
                {
                    node.Status = TaskItemStatus.Running;
                }
            }
        }
        _projects[projectId] = schedule;
    }

    /// <summary>Starts no new attempt of the project; attempts in flight finish.</summary>
    public void Pause(string projectId)
    {
        if (_projects.TryGetValue(projectId, out var schedule))
        {
            schedule.Paused = true;
        }
    }

    /// <summary>A budget cap refused one of the project's calls: from now on its paid tasks (or all, when
    /// <paramref name="paidOnly"/> is false) do not start; the rest keeps running. Reloading the project lifts it.</summary>
    public void Hold(string projectId, bool paidOnly)
    {
        if (_projects.TryGetValue(projectId, out var schedule))
        {
            schedule.Hold = !paidOnly || schedule.Hold == BudgetHold.All ? BudgetHold.All : BudgetHold.Paid;
        }
    }

    /// <summary>The project's tasks are run by external workers: none is dispatched here; its progress says when it
    /// waits for them (<see cref="ProjectProgress.WaitingForExternal"/>). Reloading the project resets it.</summary>
    public void RunExternally(string projectId)
    {
        if (_projects.TryGetValue(projectId, out var schedule))
        {
            schedule.ExternalOnly = true;
        }
    }

    public void Resume(string projectId)
    {
        if (_projects.TryGetValue(projectId, out var schedule))
        {
            schedule.Paused = false;
        }
    }

    /// <summary>Forgets the project's graph. Attempts still in flight keep their slots until reported.</summary>
    public void Remove(string projectId) => _projects.Remove(projectId);

    /// <summary>Attempts of the project still in flight (for cancelling them).</summary>
    public IReadOnlyList<string> InFlightOf(string projectId) =>
        _inFlight.Keys.Where(k => k.Project == projectId).Select(k => k.Task).ToList();

    /// <summary>Picks every task that may start now, best first, and counts each as running.</summary>
    public IReadOnlyList<TaskDispatch> Dispatch()
    {
        var now = time.NowEpoch();
        var picked = new List<TaskDispatch>();
        foreach (var schedule in _projects.Values)
        {
            schedule.PromoteDue(now);
        }
        while (_inFlight.Count < Limits.MaxConcurrent && TryPickBest(out var schedule, out var index))
        {
            var node = schedule.Nodes[index];
            schedule.Ready.Remove(index);
            node.Status = TaskItemStatus.Running;
            schedule.InFlight++;
            _inFlight[(schedule.ProjectId, node.Id)] = node.Lane;
            _laneRunning[node.Lane] = RunningInLane(node.Lane) + 1;
            picked.Add(new TaskDispatch(schedule.ProjectId, node.Id, node.Lane));
        }
        return picked;
    }

    /// <summary>The earliest time a delayed retry becomes ready, in epoch seconds (null when none waits).</summary>
    public double? NextWakeUp()
    {
        double? earliest = null;
        foreach (var schedule in _projects.Values.Where(s => !s.Paused))
        {
            if (schedule.NextDue() is { } due && (earliest is null || due < earliest))
            {
                earliest = due;
            }
        }
        return earliest;
    }

    private bool TryPickBest(out ProjectSchedule best, out int bestIndex)
    {
        best = null!;
        bestIndex = -1;
        foreach (var schedule in _projects.Values)
        {
            if (schedule.Paused || schedule.ExternalOnly)
            {
                continue;
            }
            foreach (var index in schedule.Ready)
            {
                var lane = schedule.Nodes[index].Lane;
                if (RunningInLane(lane) >= Limits.LimitOf(lane) || schedule.IsHeld(schedule.Nodes[index]))
                {
                    continue;
                }
                if (bestIndex < 0 || IsBetter(schedule.Nodes[index], best.Nodes[bestIndex]))
                {
                    best = schedule;
                    bestIndex = index;
                }
                break;
            }
        }
        return bestIndex >= 0;
    }

    private static bool IsBetter(ProjectSchedule.Node a, ProjectSchedule.Node b) =>
        a.CriticalPath != b.CriticalPath ? a.CriticalPath > b.CriticalPath : a.Priority > b.Priority;
}
