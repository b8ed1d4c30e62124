using Orchestration.Core.Domain;
using Orchestration.Core.Events;
using Orchestration.Core.Scheduling;

namespace Orchestration.Engine.Execution;

// How the loop reacts to each signal. Runs on the loop only.
internal sealed partial class ExecutionEngine
{
    private async Task HandleSafelyAsync(EngineSignal signal, CancellationToken cancellationToken)
    {
        try
        {
            await HandleAsync(signal, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // A database error while reacting: leave the project for a fresh read shortly, keep the loop alive.
            LogSignalFailed(_logger, signal.GetType().Name, signal.ProjectId, ex);
            if (signal.ProjectId.Length > 0)
            {
                _ = Task.Delay(TimeSpan.FromSeconds(1), _time, cancellationToken)
                    .ContinueWith(_ => Post(new ProjectChanged(signal.ProjectId)), TaskScheduler.Default);
            }
        }
    }

    private async Task HandleAsync(EngineSignal signal, CancellationToken cancellationToken)
    {
        _touched.Add(signal.ProjectId);
        switch (signal)
        {
            case AttemptEnded ended:
                await OnAttemptEndedAsync(ended, cancellationToken);
                break;
            case ProjectChanged changed:
                await ReloadAsync(changed.ProjectId, cancellationToken);
                break;
            case ProjectStopped { Cancelled: true } cancelled:
                _budgetHolds.Remove(cancelled.ProjectId);
                foreach (var taskId in _scheduler.InFlightOf(cancelled.ProjectId))
                {
                    _attempts.GetValueOrDefault((cancelled.ProjectId, taskId))?.Cancel();
                }
                _scheduler.Remove(cancelled.ProjectId);
                break;
            case ProjectStopped paused:
                // A person paused it: the next execute starts with every task allowed to try again.
                _budgetHolds.Remove(paused.ProjectId);
                _scheduler.Pause(paused.ProjectId);
                break;
            case TaskCancelled cancelled:
                _attempts.GetValueOrDefault((cancelled.ProjectId, cancelled.TaskId))?.Cancel();
                await ReloadAsync(cancelled.ProjectId, cancellationToken);
                break;
            case ProjectStale stale:
                _stale.Add(stale.ProjectId);
                break;
            case RanElsewhere elsewhere:
                OnRanElsewhere(elsewhere);
                break;
            case WakeUp:
                _wakeAt = null;
                break;
        }
    }

    private async Task OnAttemptEndedAsync(AttemptEnded ended, CancellationToken cancellationToken)
    {
        var (projectId, taskId) = (ended.ProjectId, ended.TaskId);
        if (_attempts.Remove((projectId, taskId), out var handle))
        {
            handle.Dispose();
        }
        switch (ended.Outcome.Kind)
        {
            case AttemptOutcomeKind.Completed:
                var effects = _scheduler.Completed(projectId, taskId);
                if (_execution.WaveCheckpoints && effects.WaveFinished is { } wave)
                {
                    var paused = await _store.WaveCheckpointAsync(projectId, wave, _time.NowEpoch(), cancellationToken);
                    if (paused is not null)
                    {
                        _bus.Publish(paused.Events);
                        _scheduler.Pause(projectId);
                    }
                }
                break;
            case AttemptOutcomeKind.RetryScheduled:
                _scheduler.RetryLater(projectId, taskId, ended.Outcome.NotBefore ?? _time.NowEpoch());
                break;
            case AttemptOutcomeKind.Failed:
                _scheduler.Failed(projectId, taskId);
                break;
            case AttemptOutcomeKind.Requeued:
                _scheduler.Requeued(projectId, taskId);
                break;
            case AttemptOutcomeKind.BudgetHeld:
                _scheduler.Requeued(projectId, taskId);
                HoldForBudget(projectId, taskId, ended.Outcome.Budget!, paidOnly: ended.Outcome.Paid);
                break;
            case AttemptOutcomeKind.CompletedHeld:
                _scheduler.Completed(projectId, taskId);
                HoldForBudget(projectId, taskId, ended.Outcome.Budget!, paidOnly: true);
                break;
            case AttemptOutcomeKind.NeedsReview:
                _scheduler.NeedsReview(projectId, taskId);
                break;
            case AttemptOutcomeKind.NotClaimed when _shared:
                // Most likely another node claimed it first: read the statuses (no lock) rather than the whole graph.
                _scheduler.Abandoned(projectId, taskId);
                _stale.Add(projectId);
                break;
            default:
                _scheduler.Abandoned(projectId, taskId);
                await ReloadAsync(projectId, cancellationToken);
                break;
        }
    }

    /// <summary>Another node's attempt started or completed. Applied when this node's view of the task is the one the
    /// event moves on from (queued, or running); a view further behind (or a project not run here yet) is read again.</summary>
    private void OnRanElsewhere(RanElsewhere elsewhere)
    {
        var (projectId, taskId) = (elsewhere.ProjectId, elsewhere.TaskId);
        if (_scheduler.IsInFlight(projectId, taskId))
        {
            return;
        }
        switch (_scheduler.StatusOf(projectId, taskId))
        {
            case TaskItemStatus.Queued or TaskItemStatus.Running when elsewhere.Completed:
                _scheduler.CompletedElsewhere(projectId, taskId);
                break;
            case TaskItemStatus.Queued:
                _scheduler.StartedElsewhere(projectId, taskId);
                break;
            case TaskItemStatus.Running or TaskItemStatus.Completed:
                break;
            default:
                _stale.Add(projectId);
                break;
        }
    }

    /// <summary>Reads the project again: an executing one is (re)loaded into the scheduler, any other is let drain.</summary>
    private async Task ReloadAsync(string projectId, CancellationToken cancellationToken)
    {
        var graph = await _store.LoadGraphAsync(projectId, _time.NowEpoch(), cancellationToken);
        if (graph is null || graph.Project.StatusValue != ProjectStatus.Executing)
        {
            _scheduler.Pause(projectId);
            return;
        }
        var tasks = graph.Tasks.Select(t => new ScheduledTask(
            t.Id, graph.DependsOn[t.Id], t.StatusValue, t.Priority, t.TaskIndex, t.Wave,
            TaskLanes.WeightOf(t.Complexity), t.NotBefore, _lanes.LaneOf(t.ModelTier), Paid: t.ModelTier != "ollama")).ToList();
        _shapes[projectId] = tasks;
        _externalOnly[projectId] = ExecutionModes.Of(graph.Project.Config) == ExecutionModes.External;
        HoldForReplan(projectId, graph.Project.ReplanHoldSince is not null);
        Activate(projectId, tasks);
    }

    private void Activate(string projectId, IReadOnlyList<ScheduledTask> tasks)
    {
        _scheduler.Activate(projectId, tasks);
        if (_externalOnly.GetValueOrDefault(projectId))
        {
            _scheduler.RunExternally(projectId);
        }
        if (_budgetHolds.TryGetValue(projectId, out var hold))
        {
            _scheduler.Hold(projectId, hold.PaidOnly);
        }
        if (_replanHeld.Contains(projectId))
        {
            _scheduler.Hold(projectId, paidOnly: false);
        }
        _touched.Add(projectId);
    }

    private void HoldForReplan(string projectId, bool held)
    {
        if (held)
        {
            _replanHeld.Add(projectId);
        }
        else
        {
            _replanHeld.Remove(projectId);
        }
    }

    /// <summary>Brings the projects other nodes changed up to date: their statuses only, read without a lock, over the
    /// graph already loaded (a project not loaded, or whose tasks changed, is read in full).</summary>
    private async Task RefreshStaleAsync(CancellationToken cancellationToken)
    {
        if (_stale.Count == 0)
        {
            return;
        }
        var stale = _stale.ToList();
        _stale.Clear();
        foreach (var projectId in stale)
        {
            try
            {
                await RefreshAsync(projectId, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                LogSignalFailed(_logger, nameof(ProjectStale), projectId, ex);
                _ = Task.Delay(TimeSpan.FromSeconds(1), _time, cancellationToken)
                    .ContinueWith(_ => Post(new ProjectStale(projectId)), TaskScheduler.Default);
            }
        }
    }

    private async Task RefreshAsync(string projectId, CancellationToken cancellationToken)
    {
        var states = await _store.StatesAsync(projectId, cancellationToken);
        if (states is null || states.ProjectStatus != ProjectStatus.Executing.ToWire())
        {
            _scheduler.Pause(projectId);
            return;
        }
        _touched.Add(projectId);
        HoldForReplan(projectId, states.ReplanHold);
        if (!_scheduler.Contains(projectId) || !_shapes.TryGetValue(projectId, out var shape) || !SameTasks(shape, states.Tasks))
        {
            await ReloadAsync(projectId, cancellationToken);
            return;
        }
        var tasks = new ScheduledTask[shape.Count];
        for (var i = 0; i < tasks.Length; i++)
        {
            var state = states.Tasks[i];
            tasks[i] = shape[i] with
            {
                Status = WireNames.Parse<TaskItemStatus>(state.Status),
                NotBefore = state.NotBefore,
                Lane = _lanes.LaneOf(state.ModelTier),
                Paid = state.ModelTier != "ollama",
            };
        }
        Activate(projectId, tasks);
    }

    private static bool SameTasks(IReadOnlyList<ScheduledTask> shape, IReadOnlyList<Storage.Execution.TaskState> states)
    {
        if (shape.Count != states.Count)
        {
            return false;
        }
        for (var i = 0; i < shape.Count; i++)
        {
            if (!string.Equals(shape[i].Id, states[i].Id, StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>docs/executor.md, Budget: a cap refused a call: the project's paid tasks (or all, when a free task was
    /// refused) wait while the rest runs; when nothing else can run the project pauses (<see cref="SettleAsync"/>).</summary>
    private void HoldForBudget(string projectId, string taskId, Storage.Execution.BudgetStop stop, bool paidOnly)
    {
        var all = !paidOnly || (_budgetHolds.TryGetValue(projectId, out var earlier) && !earlier.PaidOnly);
        _budgetHolds[projectId] = (stop, taskId, !all);
        _scheduler.Hold(projectId, paidOnly: !all);
    }

    /// <summary>Whether the project waits for other tasks than it last said it waits for.</summary>
    private bool FirstAnnouncement(string projectId, string kind, TaskItemStatus waitingIn)
    {
        var waitingFor = kind + ":" + string.Join(",", _scheduler.TasksIn(projectId, waitingIn));
        if (_announced.TryGetValue(projectId, out var earlier) && earlier == waitingFor)
        {
            return false;
        }
        _announced[projectId] = waitingFor;
        return true;
    }

    /// <summary>Puts away a project that is drained or waits for people, and closes one whose graph is done.</summary>
    private async Task SettleAsync(string projectId, CancellationToken cancellationToken)
    {
        var progress = _scheduler.Progress(projectId);
        if (progress is not (ProjectProgress.WaitingForPeople or ProjectProgress.WaitingForExternal))
        {
            // It moved on: when it waits again, even for the same tasks, it says so again.
            _announced.Remove(projectId);
        }
        if (progress is ProjectProgress.Completed or ProjectProgress.Failed)
        {
            var counts = _scheduler.Counts(projectId);
            int Count(TaskItemStatus s) => counts.GetValueOrDefault(s);
            var completed = progress == ProjectProgress.Completed;
            var closing = RunEvents.Finished(projectId, completed, Count(TaskItemStatus.Completed), Count(TaskItemStatus.Failed),
                Count(TaskItemStatus.Blocked), Count(TaskItemStatus.Pending), Count(TaskItemStatus.Cancelled));
            var finished = await _store.FinishAsync(projectId, completed ? ProjectStatus.Completed : ProjectStatus.Failed, closing,
                _time.NowEpoch(), cancellationToken);
            if (finished is not null)
            {
                _bus.Publish(finished.Events);
                LogFinished(_logger, projectId, finished.Value.Status);
                _telemetry.RunFinished(finished.Value.Status);
                if (_hooks.Any)
                {
                    // Off the loop (a hook may push to a remote); shutdown waits for it like for a worker.
                    Track(Task.Run(() => _hooks.ProjectFinishedAsync(new FinishedProject(projectId, finished.Value.Status), CancellationToken.None),
                        CancellationToken.None));
                }
            }
            _scheduler.Remove(projectId);
        }
        else if (progress is ProjectProgress.WaitingForPeople)
        {
            // Nothing else can run: the project stays executing, and says what it waits for.
            var firstTime = FirstAnnouncement(projectId, "people", TaskItemStatus.NeedsReview);
            _scheduler.Remove(projectId);
            if (firstTime && await _store.AnnounceWaitingAsync(projectId, _time.NowEpoch(), cancellationToken) is { } waiting)
            {
                _bus.Publish(waiting.Events);
            }
        }
        else if (progress is ProjectProgress.WaitingForExternal)
        {
            // External workers run it; each claim, submit or release reloads it, and the last submit completes it.
            var firstTime = FirstAnnouncement(projectId, "workers", TaskItemStatus.Queued);
            _scheduler.Remove(projectId);
            if (firstTime && await _store.AnnounceExternalWorkAsync(projectId, _time.NowEpoch(), cancellationToken) is { } waiting)
            {
                _bus.Publish(waiting.Events);
            }
        }
        else if (progress is ProjectProgress.WaitingForBudget && _replanHeld.Contains(projectId))
        {
            // A re-plan is pending: its approval or rejection reloads the project.
            _scheduler.Remove(projectId);
        }
        else if (progress is ProjectProgress.WaitingForBudget)
        {
            _scheduler.Remove(projectId);
            if (_budgetHolds.Remove(projectId, out var hold) &&
                await _store.PauseForBudgetAsync(projectId, hold.TaskId, hold.Stop, _time.NowEpoch(), cancellationToken) is { } paused)
            {
                _bus.Publish(paused.Events);
            }
        }
        else if (progress is ProjectProgress.Drained)
        {
            _scheduler.Remove(projectId);
        }
    }
}
