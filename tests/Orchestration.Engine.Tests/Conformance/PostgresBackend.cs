using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestration.Storage.Budget;
using Orchestration.Storage.Execution;
using Orchestration.Storage.Execution.Postgres;
using Orchestration.Storage.Postgres;
using Orchestration.Storage.Users;
using Orchestration.TestSupport.Postgres;

namespace Orchestration.Engine.Tests.Conformance;

/// <summary>The PostgreSQL backend: a fresh, migrated database of its own on the shared test server, written through
/// pooled connections in READ COMMITTED transactions, as several servers would share it.</summary>
public sealed class PostgresBackend : ExecutionBackend
{
    private readonly PostgresTestDatabase _database;

    private PostgresBackend(PostgresTestDatabase database)
    {
        _database = database;
        Postgres = new PostgresDatabase(database.ConnectionString);
        Database = new PostgresExecutionDatabase(Postgres);
        Budget = new PostgresBudgetStore(Postgres);
        Users = new PostgresUserStore(Postgres);
        RefreshTokens = new PostgresRefreshTokenStore(Postgres);
    }

    public PostgresDatabase Postgres { get; }

    public override IExecutionDatabase Database { get; }

    public override IBudgetStore Budget { get; }

    public override IUserStore Users { get; }

    public override IRefreshTokenStore RefreshTokens { get; }

    public string ConnectionString => _database.ConnectionString;

    public static async Task<PostgresBackend> CreateAsync(PostgresServer server)
    {
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        var db = new PostgresBackend(await server.CreateDatabaseAsync(CancellationToken.None));
        await new PostgresMigrator(db.Postgres, NullLogger<PostgresMigrator>.Instance).MigrateAsync(CancellationToken.None);
        return db;
    }

    public override async Task<DbConnection> OpenAsync() => await Postgres.OpenAsync(CancellationToken.None);

    public override async ValueTask DisposeAsync()
    {
        await Postgres.DisposeAsync();
        await _database.DisposeAsync();
    }
}
