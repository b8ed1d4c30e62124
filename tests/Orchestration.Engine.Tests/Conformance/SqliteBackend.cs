using Dapper;
using Orchestration.Storage.Budget;
using Orchestration.Storage.Execution;
using Orchestration.Storage.Execution.Sqlite;
using Orchestration.Storage.Sqlite;
using Orchestration.Storage.Tests;

namespace Orchestration.Engine.Tests.Conformance;

/// <summary>The SQLite backend: a migrated file in a temp folder (WAL, the group commit), as the server runs it; seeded
/// by the storage tests' <see cref="ExecutionDatabase"/> (the same source file, linked into this project).</summary>
public sealed class SqliteBackend : ExecutionBackend
{
    private readonly ExecutionDatabase _db;

    private SqliteBackend(ExecutionDatabase db)
    {
        _db = db;
        Database = new SqliteExecutionDatabase(db.Database);
        Budget = new SqliteBudgetStore(db.Database);
    }

    public SqliteDatabase Sqlite => _db.Database;

    public override IExecutionDatabase Database { get; }

    public override IBudgetStore Budget { get; }

    public static async Task<SqliteBackend> CreateAsync() => new(await ExecutionDatabase.CreateAsync());

    public override Task<string> AddUserAsync() => _db.AddUserAsync();

    public override Task<(string ProjectId, string[] TaskIds)> AddProjectAsync(string ownerId, string status, params int[][] deps) =>
        _db.AddProjectAsync(ownerId, status, deps);

    public override Task<string> StatusOfAsync(string taskId) => _db.StatusOfAsync(taskId);

    public override async Task SetStatusAsync(string taskId, string status)
    {
        await using var c = await Sqlite.OpenAsync(CancellationToken.None);
        await c.ExecuteAsync("UPDATE tasks SET status = @status WHERE id = @taskId", new { taskId, status });
    }

    public override ValueTask DisposeAsync() => _db.DisposeAsync();
}
