namespace Orchestration.Storage.Execution;

/// <summary>
/// What a storage backend provides for execution: transactions of guarded primitive operations
/// (<see cref="IExecutionTransaction"/>). The stores that decide which operations make up a state change (Engine/Runs)
/// are written once, against this interface; a backend only persists and guards.
/// </summary>
public interface IExecutionDatabase
{
    /// <summary>Runs <paramref name="work"/> in one write transaction: everything it did commits together, or nothing
    /// does (when it throws). Return values built inside are returned after the commit.</summary>
    Task<T> WriteAsync<T>(Func<IExecutionTransaction, Task<T>> work, CancellationToken cancellationToken);

    /// <summary>The project's status and its current plan's task statuses (plan order), read outside any write; null when
    /// the project is gone.</summary>
    Task<ProjectStates?> StatesAsync(string projectId, CancellationToken cancellationToken);

    /// <summary>The ids of executing projects, least recently updated first.</summary>
    Task<IReadOnlyList<string>> ExecutingProjectIdsAsync(CancellationToken cancellationToken);
}
