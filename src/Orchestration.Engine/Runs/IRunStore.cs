using Orchestration.Core.Domain;
using Orchestration.Core.Events;
using Orchestration.Storage.Execution;
using Orchestration.Storage.Projects;

namespace Orchestration.Engine.Runs;

/// <summary>
/// A project's run as a whole: execute, pause, cancel, finish, and what it says while it waits. Each call is one
/// transaction that also appends the events reporting it (committed before they are published). Null: the project is
/// not there (for the owner given) or no longer in the status the call needs.
/// </summary>
public interface IRunStore
{
    /// <summary>execute: moves the project to executing, starts a new run, and reconciles task readiness.</summary>
    Task<Committed<Project>?> StartRunAsync(string ownerId, string projectId, double now, CancellationToken cancellationToken);

    Task<Committed<Project>?> PauseAsync(string ownerId, string projectId, double now, CancellationToken cancellationToken);

    /// <summary>Cancels the project and every unfinished task of it (running ones included).</summary>
    Task<Committed<Project>?> CancelAsync(string ownerId, string projectId, double now, CancellationToken cancellationToken);

    /// <summary>Reconciles readiness and reads the project with its current plan's tasks (null when gone).</summary>
    Task<ProjectGraph?> LoadGraphAsync(string projectId, double now, CancellationToken cancellationToken);

    Task<IReadOnlyList<string>> ExecutingProjectIdsAsync(CancellationToken cancellationToken);

    /// <summary>The project's and its tasks' statuses, read without a lock (see <see cref="IExecutionDatabase.StatesAsync"/>).</summary>
    Task<ProjectStates?> StatesAsync(string projectId, CancellationToken cancellationToken);

    /// <summary>executing → completed or failed with the closing event (<see cref="RunEvents.Finished"/>).</summary>
    Task<Committed<Project>?> FinishAsync(string projectId, ProjectStatus outcome, NewEvent closing, double now, CancellationToken cancellationToken);

    /// <summary>executing → paused with a wave_checkpoint event.</summary>
    Task<Committed<Project>?> WaveCheckpointAsync(string projectId, long wave, double now, CancellationToken cancellationToken);

    /// <summary>A cap stopped work and nothing else can run: executing → paused with a budget_warning (level exhausted,
    /// naming the task the cap stopped).</summary>
    Task<Committed<Project?>?> PauseForBudgetAsync(string projectId, string? taskId, BudgetStop stop, double now, CancellationToken cancellationToken);

    /// <summary>A project_waiting event naming the tasks that wait for people (review or checkpoint), when the project is
    /// executing and some do.</summary>
    Task<Committed<bool>?> AnnounceWaitingAsync(string projectId, double now, CancellationToken cancellationToken);

    /// <summary>An external project waits for its workers: a project_waiting event naming the tasks ready to claim.</summary>
    Task<Committed<bool>?> AnnounceExternalWorkAsync(string projectId, double now, CancellationToken cancellationToken);
}
