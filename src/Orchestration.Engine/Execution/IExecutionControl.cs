using Orchestration.Storage.Execution;
using Orchestration.Storage.Projects;

namespace Orchestration.Engine.Execution;

/// <summary>
/// What the API (and other features) may ask of the executor. Each call commits its state change, publishes the
/// events reporting it, and then tells the running executor. Null means not found for this owner; an illegal
/// transition throws <c>IllegalTransitionException</c> (409).
/// </summary>
public interface IExecutionControl
{
    /// <summary>Starts or resumes the project (ready, paused, failed or completed → executing).</summary>
    Task<Project?> ExecuteAsync(string ownerId, string projectId, CancellationToken cancellationToken);

    /// <summary>executing → paused: running attempts finish, none starts.</summary>
    Task<Project?> PauseAsync(string ownerId, string projectId, CancellationToken cancellationToken);

    /// <summary>→ cancelled: unfinished tasks are cancelled and in-flight model calls are stopped.</summary>
    Task<Project?> CancelAsync(string ownerId, string projectId, CancellationToken cancellationToken);

    /// <summary>Retries a failed or cancelled task (bounded by execution.max_task_retries).</summary>
    Task<TaskActionOutcome?> RetryTaskAsync(string ownerId, string taskId, CancellationToken cancellationToken);

    /// <summary>Cancels one unfinished task (stopping its model call if running); its dependants become blocked.</summary>
    Task<TaskActionOutcome?> CancelTaskAsync(string ownerId, string taskId, CancellationToken cancellationToken);

    /// <summary>Before the project is deleted: cancels it when it is executing or paused, and waits (up to the shutdown
    /// grace period) for this server's attempts of it to end, so no model call runs on, and no spend is recorded, for a
    /// project that is gone. Other nodes stop theirs when they hear of the cancel.</summary>
    Task StopBeforeDeleteAsync(string ownerId, string projectId, CancellationToken cancellationToken);

    /// <summary>Another feature changed task rows of the project (a review, a checkpoint): the executor re-reads it.</summary>
    void NotifyChanged(string projectId);
}
