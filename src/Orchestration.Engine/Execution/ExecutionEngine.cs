using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Orchestration.Core.Configuration;
using Orchestration.Core.Domain;
using Orchestration.Core.Scheduling;
using Orchestration.Engine.Events;
using Orchestration.Storage.Execution;
using Orchestration.Engine.Runs;
using Orchestration.Storage.Cluster;

namespace Orchestration.Engine.Execution;

/// <summary>
/// The executor: one loop owns the pure <see cref="DagScheduler"/> and reacts to signals (execute, pause, cancel,
/// attempt outcomes, retry timers). Each reaction dispatches whatever became ready at once to a worker
/// (<see cref="TaskAttemptRunner"/>); workers commit their own outcomes and report back. No polling, no waves.
/// </summary>
internal sealed partial class ExecutionEngine
{
    private readonly Channel<EngineSignal> _signals = Channel.CreateUnbounded<EngineSignal>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<(string Project, string Task), AttemptHandle> _attempts = [];
    private readonly ConcurrentDictionary<Task, byte> _workers = new();
    // The attempts running on this node by project, for WhenIdleAsync (read off the loop).
    private readonly ConcurrentDictionary<(string Project, string Task), Task> _running = new();
    private readonly HashSet<string> _touched = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (Storage.Execution.BudgetStop Stop, string TaskId, bool PaidOnly)> _budgetHolds = new(StringComparer.Ordinal);
    // Projects another node changed since the last dispatch round (refreshed once per round, however many changes).
    private readonly HashSet<string> _stale = new(StringComparer.Ordinal);
    // Each loaded project's graph as last read in full: a refresh only replaces statuses.
    private readonly Dictionary<string, IReadOnlyList<ScheduledTask>> _shapes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _externalOnly = new(StringComparer.Ordinal);
    // Projects with a re-plan pending: running attempts finish, nothing new starts, and the project neither pauses nor ends.
    private readonly HashSet<string> _replanHeld = new(StringComparer.Ordinal);
    // What each project was last announced to wait for (the tasks): a project read again while it still waits for the
    // same tasks (another node's change, the cluster's sweep) says nothing new.
    private readonly Dictionary<string, string> _announced = new(StringComparer.Ordinal);
    private readonly bool _shared;
    private readonly IRunStore _store;
    private readonly IAttemptStore _attemptStore;
    private readonly IEventBus _bus;
    private readonly TaskAttemptRunner _runner;
    private readonly ExecutionHooks _hooks;
    private readonly ExecutionTelemetry _telemetry;
    private readonly TaskLanes _lanes;
    private readonly ExecutionOptions _execution;
    private readonly TimeProvider _time;
    private readonly ILogger<ExecutionEngine> _logger;
    private readonly DagScheduler _scheduler;
    private ITimer? _wakeTimer;
    private double? _wakeAt;
    private volatile bool _stopping;

    public ExecutionEngine(IRunStore store, IAttemptStore attempts, IEventBus bus, TaskAttemptRunner runner, ExecutionHooks hooks, ExecutionTelemetry telemetry,
        TaskLanes lanes, ExecutionOptions execution, NodeIdentity node, INodeRegistry nodes, TimeProvider time, ILogger<ExecutionEngine> logger)
    {
        (_store, _attemptStore, _bus, _runner, _hooks, _telemetry, _lanes, _execution, _time, _logger) = (store, attempts, bus, runner, hooks, telemetry, lanes, execution, time, logger);
        _shared = nodes.Shared;
        _scheduler = new DagScheduler(new SchedulerLimits(Math.Max(1, execution.MaxConcurrentTasks), lanes.Limits), time) { SpreadTies = _shared };
        InstanceId = node.Id;
    }

    /// <summary>This node's id, the lease owner of the attempts it runs.</summary>
    public string InstanceId { get; }

    public void Post(EngineSignal signal) => _signals.Writer.TryWrite(signal);

    /// <summary>Recovers interrupted attempts, resumes executing projects, then reacts to signals until stopped.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        await StartupAsync(stoppingToken);
        while (await _signals.Reader.WaitToReadAsync(stoppingToken))
        {
            // Handle everything pending before dispatching: a burst of completions costs one dispatch round.
            while (_signals.Reader.TryRead(out var signal))
            {
                await HandleSafelyAsync(signal, stoppingToken);
            }
            await RefreshStaleAsync(stoppingToken);
            await PumpAsync(stoppingToken);
        }
    }

    private async Task StartupAsync(CancellationToken cancellationToken)
    {
        // Alone on its database, a starting server knows every running attempt is a dead process's; sharing it, only
        // those whose lease ran out are (the others belong to live nodes).
        var recovered = await _attemptStore.RecoverInterruptedAsync(InstanceId, onlyExpired: _shared, _time.NowEpoch(), cancellationToken);
        _bus.Publish(recovered.Events);
        var executing = await _store.ExecutingProjectIdsAsync(cancellationToken);
        LogResuming(_logger, executing.Count, recovered.Events.Count);
        foreach (var projectId in executing)
        {
            await ReloadAsync(projectId, cancellationToken);
        }
        await PumpAsync(cancellationToken);
    }

    /// <summary>Dispatches every task that may start now, closes projects that are done, and arms the retry timer.</summary>
    private async Task PumpAsync(CancellationToken cancellationToken)
    {
        if (!_stopping)
        {
            foreach (var dispatch in _scheduler.Dispatch())
            {
                Start(dispatch);
            }
        }
        foreach (var projectId in _touched)
        {
            if (_scheduler.Contains(projectId))
            {
                await SettleAsync(projectId, cancellationToken);
            }
        }
        _touched.Clear();
        ArmWakeTimer(_scheduler.NextWakeUp());
    }

    private void Start(TaskDispatch dispatch)
    {
        var handle = new AttemptHandle();
        _attempts[(dispatch.ProjectId, dispatch.TaskId)] = handle;
        var worker = Task.Run(async () =>
        {
            var telemetry = _telemetry.StartAttempt(dispatch.ProjectId, dispatch.TaskId);
            AttemptOutcome outcome;
            try
            {
                outcome = await _runner.RunAsync(dispatch, InstanceId, handle);
            }
            catch (Exception ex)
            {
                // The store itself failed; the rows are unchanged or the lease will expire. Re-read the project.
                LogAttemptCrashed(_logger, dispatch.TaskId, ex);
                outcome = AttemptOutcome.Lost;
            }
            telemetry.End(outcome);
            Post(new AttemptEnded(dispatch.ProjectId, dispatch.TaskId, outcome));
        });
        _running[(dispatch.ProjectId, dispatch.TaskId)] = worker;
        _ = worker.ContinueWith(t => _running.TryRemove(new KeyValuePair<(string, string), Task>((dispatch.ProjectId, dispatch.TaskId), t)),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        Track(worker);
    }

    /// <summary>Completes when no attempt of the project runs on this node any more (or after <paramref name="timeout"/>).</summary>
    public async Task WhenIdleAsync(string projectId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var running = _running.Where(r => r.Key.Project == projectId).Select(r => r.Value).ToArray();
        try
        {
            await Task.WhenAll(running).WaitAsync(timeout, _time, cancellationToken);
        }
        catch (TimeoutException)
        {
            // Their model calls were cancelled; one that ignores it is not waited for longer than shutdown would.
        }
    }

    /// <summary>Work off the loop that shutdown waits for (<see cref="DrainAsync"/>): attempts and project hooks.</summary>
    private void Track(Task work)
    {
        _workers.TryAdd(work, 0);
        _ = work.ContinueWith(t => _workers.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private void ArmWakeTimer(double? at)
    {
        if (at == _wakeAt)
        {
            return;
        }
        _wakeTimer?.Dispose();
        _wakeTimer = null;
        _wakeAt = at;
        if (at is { } due)
        {
            var delay = TimeSpan.FromSeconds(Math.Max(0, due - _time.NowEpoch()));
            _wakeTimer = _time.CreateTimer(_ => Post(new WakeUp()), null, delay, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Graceful shutdown: start nothing new, let attempts run up to the grace period, then interrupt the rest
    /// (each puts its task back in the queue for the next start).</summary>
    public async Task DrainAsync(TimeSpan grace)
    {
        _stopping = true;
        _wakeTimer?.Dispose();
        var running = _workers.Keys.ToArray();
        if (running.Length == 0)
        {
            return;
        }
        LogDraining(_logger, running.Length, grace.TotalSeconds);
        try
        {
            await Task.WhenAll(running).WaitAsync(grace, _time);
            return;
        }
        catch (TimeoutException)
        {
            LogInterrupting(_logger, _workers.Count);
        }
        foreach (var handle in _attempts.Values)
        {
            handle.Interrupt();
        }
        try
        {
            await Task.WhenAll(_workers.Keys.ToArray()).WaitAsync(TimeSpan.FromSeconds(10), _time);
        }
        catch (TimeoutException)
        {
            // Their leases expire; the next start recovers them.
        }
    }
}
