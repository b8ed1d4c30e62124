using Orchestration.Core.Configuration;
using Orchestration.Core.Domain;
using Orchestration.Engine.Events;
using Orchestration.Storage.Execution;
using Orchestration.Storage.Projects;
using Orchestration.Engine.Runs;

namespace Orchestration.Engine.Execution;

internal sealed class ExecutionControl(IRunStore store, IReviewStore reviews, IEventBus bus, ExecutionEngine engine, ExecutionOptions execution, TimeProvider time)
    : IExecutionControl
{
    public async Task<Project?> ExecuteAsync(string ownerId, string projectId, CancellationToken cancellationToken) =>
        Signal(await store.StartRunAsync(ownerId, projectId, time.NowEpoch(), cancellationToken), new ProjectChanged(projectId));

    public async Task<Project?> PauseAsync(string ownerId, string projectId, CancellationToken cancellationToken) =>
        Signal(await store.PauseAsync(ownerId, projectId, time.NowEpoch(), cancellationToken), new ProjectStopped(projectId, Cancelled: false));

    public async Task<Project?> CancelAsync(string ownerId, string projectId, CancellationToken cancellationToken) =>
        Signal(await store.CancelAsync(ownerId, projectId, time.NowEpoch(), cancellationToken), new ProjectStopped(projectId, Cancelled: true));

    public async Task<TaskActionOutcome?> RetryTaskAsync(string ownerId, string taskId, CancellationToken cancellationToken)
    {
        var committed = await reviews.RetryTaskAsync(ownerId, taskId, execution.MaxTaskRetries, time.NowEpoch(), cancellationToken);
        var outcome = Signal(committed, committed?.Value is { Done: true } done ? new ProjectChanged(done.ProjectId) : null);
        return outcome;
    }

    public async Task<TaskActionOutcome?> CancelTaskAsync(string ownerId, string taskId, CancellationToken cancellationToken)
    {
        var committed = await reviews.CancelTaskAsync(ownerId, taskId, time.NowEpoch(), cancellationToken);
        return Signal(committed, committed?.Value is { Done: true } done ? new TaskCancelled(done.ProjectId, taskId) : null);
    }

    public void NotifyChanged(string projectId) => engine.Post(new ProjectChanged(projectId));

    public async Task StopBeforeDeleteAsync(string ownerId, string projectId, CancellationToken cancellationToken)
    {
        try
        {
            if (Signal(await store.CancelAsync(ownerId, projectId, time.NowEpoch(), cancellationToken), new ProjectStopped(projectId, Cancelled: true)) is null)
            {
                return; // Not this owner's: nothing of it is touched.
            }
        }
        catch (Core.Lifecycle.IllegalTransitionException)
        {
            // Theirs, but not running (a draft, or finished or cancelled already): only attempts still ending are waited for.
        }
        await engine.WhenIdleAsync(projectId, TimeSpan.FromSeconds(Math.Max(1, execution.ShutdownGraceSeconds)), cancellationToken);
    }

    /// <summary>The change is committed: publish its events, then tell the executor.</summary>
    private T? Signal<T>(Committed<T>? committed, EngineSignal? signal) where T : class
    {
        if (committed is null)
        {
            return null;
        }
        bus.Publish(committed.Events);
        if (signal is not null)
        {
            engine.Post(signal);
        }
        return committed.Value;
    }
}
