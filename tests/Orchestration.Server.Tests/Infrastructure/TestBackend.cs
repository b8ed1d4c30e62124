using System.Data.Common;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.Core.Configuration;
using Orchestration.Storage.Postgres;
using Orchestration.Storage.Sqlite;
using Orchestration.TestSupport.Postgres;

namespace Orchestration.Server.Tests.Infrastructure;

/// <summary>
/// The storage backend the API tests run on, chosen by <see cref="Variable"/>: <c>sqlite</c> (the default: a file in each
/// app's data directory) or <c>postgres</c> (a fresh database per app on one throwaway PostgreSQL server, see
/// <see cref="PostgresServer"/>).
/// </summary>
public static class TestBackend
{
    public const string Variable = "ORCH_TEST_BACKEND";

    // NOTE: one server for the whole run, shared by every app; the cluster stops and deletes itself when the process exits.
    private static readonly PostgresServer Server = new();

    public static string Name { get; } = Environment.GetEnvironmentVariable(Variable) switch
    {
        null or "" or DatabaseOptions.Sqlite => DatabaseOptions.Sqlite,
        DatabaseOptions.Postgres => DatabaseOptions.Postgres,
        var other => throw new InvalidOperationException($"{Variable} must be '{DatabaseOptions.Sqlite}' or '{DatabaseOptions.Postgres}' (got '{other}')."),
    };

    public static bool IsPostgres => Name == DatabaseOptions.Postgres;

    /// <summary>A new, empty PostgreSQL database; dropped when the result is disposed.</summary>
    public static Task<PostgresTestDatabase> CreatePostgresDatabaseAsync(CancellationToken cancellationToken) =>
        Server.CreateDatabaseAsync(cancellationToken);

    /// <summary>A connection to the database of a running app, whichever backend holds it (to seed or inspect rows in SQL
    /// both backends read alike).</summary>
    public static async Task<DbConnection> OpenAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetService<PostgresDatabase>() is { } postgres
            ? await postgres.OpenAsync(cancellationToken)
            : await services.GetRequiredService<SqliteDatabase>().OpenAsync(cancellationToken);
}
