using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestration.Core.Domain;
using Orchestration.Storage.Budget;
using Orchestration.Storage.Execution;
using Orchestration.Storage.Execution.Sqlite;
using Orchestration.Storage.Migrations;
using Orchestration.Storage.Sqlite;
using Orchestration.Storage.Users;

namespace Orchestration.Engine.Tests.Conformance;

/// <summary>The SQLite backend: a migrated file in a temp folder (WAL, the group commit), as the server runs it.</summary>
public sealed class SqliteBackend : ExecutionBackend
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "orch-storage-" + Ids.New());

    private SqliteBackend()
    {
        Sqlite = new SqliteDatabase(Path.Combine(_folder, "test.db"));
        Database = new SqliteExecutionDatabase(Sqlite);
        Budget = new SqliteBudgetStore(Sqlite);
        Users = new SqliteUserStore(Sqlite);
        RefreshTokens = new SqliteRefreshTokenStore(Sqlite);
    }

    public SqliteDatabase Sqlite { get; }

    public override IExecutionDatabase Database { get; }

    public override IBudgetStore Budget { get; }

    public override IUserStore Users { get; }

    public override IRefreshTokenStore RefreshTokens { get; }

    public static async Task<SqliteBackend> CreateAsync()
    {
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        var db = new SqliteBackend();
        await new Migrator(db.Sqlite, NullLogger<Migrator>.Instance).MigrateAsync(CancellationToken.None);
        return db;
    }

    public override async Task<DbConnection> OpenAsync() => await Sqlite.OpenAsync(CancellationToken.None);

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
