using System.Data.Common;
using Dapper;
using Orchestration.Core.Domain;
using Orchestration.Engine.Runs;
using Orchestration.Storage.Budget;
using Orchestration.Storage.Execution;
using Orchestration.Storage.Users;

namespace Orchestration.Engine.Tests.Conformance;

/// <summary>
/// A storage backend under test: a fresh, migrated database with the execution primitives on it, and helpers that seed
/// users, projects and plans the way the API would (in SQL every backend runs). Each backend (SQLite, PostgreSQL)
/// provides one; the conformance suite (<see cref="ExecutionConformance"/>) runs the same tests over each.
/// </summary>
public abstract class ExecutionBackend : IAsyncDisposable
{
    public abstract IExecutionDatabase Database { get; }

    /// <summary>The budget ledger's store on the same database (<see cref="BudgetStoreConformance"/>).</summary>
    public abstract IBudgetStore Budget { get; }

    /// <summary>The users and refresh-token stores on the same database (<see cref="UserStoreConformance"/>).</summary>
    public abstract IUserStore Users { get; }

    public abstract IRefreshTokenStore RefreshTokens { get; }

    public IRunStore Runs => new RunStore(Database);
    public IAttemptStore Attempts => new AttemptStore(Database);
    public IReviewStore Reviews => new ReviewStore(Database);

    /// <summary>A new connection to the database, outside the execution primitives.</summary>
    public abstract Task<DbConnection> OpenAsync();

    public async Task<string> AddUserAsync()
    {
        var id = Ids.New();
        await using var c = await OpenAsync();
        await c.ExecuteAsync(
            "INSERT INTO users (id, email, display_name, role, created_at) VALUES (@id, @email, 'u', 'user', 0)",
            new { id, email = id + "@example.com" });
        return id;
    }

    /// <summary>Creates a project in <paramref name="status"/> with an approved plan whose task i depends on deps[i] (all pending).</summary>
    public async Task<(string ProjectId, string[] TaskIds)> AddProjectAsync(string ownerId, string status, params int[][] deps)
    {
        var projectId = Ids.New();
        var planId = Ids.New();
        var taskIds = deps.Select(_ => Ids.New()).ToArray();
        await using var c = await OpenAsync();
        await c.ExecuteAsync(
            """
            INSERT INTO projects (id, owner_id, name, requirements, status, planning_rigor, created_at, updated_at)
            VALUES (@projectId, @ownerId, 'p', 'Build it.', @status, 'L2', 0, 0)
            """, new { projectId, ownerId, status });
        await c.ExecuteAsync(
            "INSERT INTO plans (id, project_id, version, status, plan_json, created_at) VALUES (@planId, @projectId, 1, 'approved', '{\"summary\":\"s\"}', 0)",
            new { planId, projectId });
        for (var i = 0; i < deps.Length; i++)
        {
            await c.ExecuteAsync(
                """
                INSERT INTO tasks (id, project_id, plan_id, task_index, title, task_type, status, model_tier, created_at, updated_at)
                VALUES (@id, @projectId, @planId, @i, @title, 'code', 'pending', 'haiku', 0, 0)
                """, new { id = taskIds[i], projectId, planId, i, title = $"task {i}" });
        }
        for (var i = 0; i < deps.Length; i++)
        {
            foreach (var d in deps[i])
            {
                await c.ExecuteAsync("INSERT INTO task_dependencies (task_id, depends_on_id) VALUES (@a, @b)", new { a = taskIds[i], b = taskIds[d] });
            }
        }
        return (projectId, taskIds);
    }

    public async Task<string> StatusOfAsync(string taskId)
    {
        await using var c = await OpenAsync();
        return await c.ExecuteScalarAsync<string>("SELECT status FROM tasks WHERE id = @taskId", new { taskId }) ?? "";
    }

    /// <summary>Sets a task's status behind the engine's back (to set up a state directly).</summary>
    public async Task SetStatusAsync(string taskId, string status)
    {
        await using var c = await OpenAsync();
        await c.ExecuteAsync("UPDATE tasks SET status = @status WHERE id = @taskId", new { taskId, status });
    }

    public abstract ValueTask DisposeAsync();
}
