using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestration.Core.Domain;
using Orchestration.Storage.Execution;
using Orchestration.Storage.Execution.Sqlite;
using Orchestration.Storage.Migrations;
using Orchestration.Storage.Sqlite;

namespace Orchestration.Engine.Tests.Conformance;

/// <summary>The SQLite backend: a migrated file in a temp folder (WAL, the group commit), as the server runs it.</summary>
public sealed class SqliteBackend : ExecutionBackend
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "orch-storage-" + Ids.New());

    private SqliteBackend()
    {
        Sqlite = new SqliteDatabase(Path.Combine(_folder, "test.db"));
        Database = new SqliteExecutionDatabase(Sqlite);
    }

    public SqliteDatabase Sqlite { get; }

    public override IExecutionDatabase Database { get; }

    public static async Task<SqliteBackend> CreateAsync()
    {
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        var db = new SqliteBackend();
        await new Migrator(db.Sqlite, NullLogger<Migrator>.Instance).MigrateAsync(CancellationToken.None);
        return db;
    }

    public override async Task<string> AddUserAsync()
    {
        var id = Ids.New();
        await using var c = await Sqlite.OpenAsync(CancellationToken.None);
        await c.ExecuteAsync(
            "INSERT INTO users (id, email, display_name, role, created_at) VALUES (@id, @email, 'u', 'user', 0)",
            new { id, email = id + "@example.com" });
        return id;
    }

    public override async Task<(string ProjectId, string[] TaskIds)> AddProjectAsync(string ownerId, string status, params int[][] deps)
    {
        var projectId = Ids.New();
        var planId = Ids.New();
        var taskIds = deps.Select(_ => Ids.New()).ToArray();
        await using var c = await Sqlite.OpenAsync(CancellationToken.None);
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

    public override async Task<string> StatusOfAsync(string taskId)
    {
        await using var c = await Sqlite.OpenAsync(CancellationToken.None);
        return await c.ExecuteScalarAsync<string>("SELECT status FROM tasks WHERE id = @taskId", new { taskId }) ?? "";
    }

    public override async Task SetStatusAsync(string taskId, string status)
    {
        await using var c = await Sqlite.OpenAsync(CancellationToken.None);
        await c.ExecuteAsync("UPDATE tasks SET status = @status WHERE id = @taskId", new { taskId, status });
    }

    public override async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        await Task.Yield();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a pooled connection on another thread; the temp folder is cleaned later.
        }
    }
}
