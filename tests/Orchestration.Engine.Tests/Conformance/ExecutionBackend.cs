using Orchestration.Engine.Runs;
using Orchestration.Storage.Budget;
using Orchestration.Storage.Execution;

namespace Orchestration.Engine.Tests.Conformance;

/// <summary>
/// A storage backend under test: a fresh, migrated database with the execution primitives on it, and helpers that seed
/// users, projects and plans the way the API would. Each backend (SQLite, later others) provides one; the conformance
/// suite (<see cref="ExecutionConformance"/>) runs the same tests over each.
/// </summary>
public abstract class ExecutionBackend : IAsyncDisposable
{
    public abstract IExecutionDatabase Database { get; }

    /// <summary>The budget ledger's store on the same database.</summary>
    public abstract IBudgetStore Budget { get; }

    public IRunStore Runs => new RunStore(Database);
    public IAttemptStore Attempts => new AttemptStore(Database);
    public IReviewStore Reviews => new ReviewStore(Database);

    public abstract Task<string> AddUserAsync();

    /// <summary>Creates a project in <paramref name="status"/> with an approved plan whose task i depends on deps[i] (all pending).</summary>
    public abstract Task<(string ProjectId, string[] TaskIds)> AddProjectAsync(string ownerId, string status, params int[][] deps);

    public abstract Task<string> StatusOfAsync(string taskId);

    /// <summary>Sets a task's status behind the engine's back (to set up a state directly).</summary>
    public abstract Task SetStatusAsync(string taskId, string status);

    public abstract ValueTask DisposeAsync();
}
