using Dapper;
using Microsoft.Extensions.Logging;
using Orchestration.Storage.Migrations;

namespace Orchestration.Storage.Postgres;

/// <summary>
/// Applies the embedded PostgreSQL migrations (Migrations/Postgres/NNNN_name.sql, the same schema as SQLite's) in
/// order and records them in schema_migrations. Running it again applies nothing; a database migrated by a newer
/// server is refused.
/// </summary>
public sealed partial class PostgresMigrator(PostgresDatabase database, ILogger<PostgresMigrator> logger)
{
    // NOTE: the key of the advisory lock every server takes before migrating. Servers starting together on one database
    // queue on it: the first applies the migrations, the others then find them recorded and apply nothing.
    private const long LockKey = 0x6f72_6368_5f6d_6967; // "orch_mig"

    public static IReadOnlyList<Migration> All { get; } = EmbeddedMigrations.Load("Postgres");

    public static int LatestVersion => All[^1].Version;

    /// <summary>Applies the missing migrations (up to <paramref name="upToVersion"/>) in one transaction: all of them or,
    /// when one fails, none. Returns how many were applied.</summary>
    public async Task<int> MigrateAsync(CancellationToken cancellationToken, int? upToVersion = null)
    {
        var applied = new List<Migration>();
        await using (var c = await database.OpenAsync(cancellationToken))
        await using (var tx = await c.BeginTransactionAsync(cancellationToken))
        {
            await c.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@LockKey)", new { LockKey }, tx, cancellationToken: cancellationToken));
            await c.ExecuteAsync(new CommandDefinition(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at DOUBLE PRECISION NOT NULL)",
                transaction: tx, cancellationToken: cancellationToken));
            var current = await c.ExecuteScalarAsync<int>(new CommandDefinition(
                "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", transaction: tx, cancellationToken: cancellationToken));
            EmbeddedMigrations.EnsureKnown(current, LatestVersion);
            var done = (await c.QueryAsync<int>(new CommandDefinition(
                "SELECT version FROM schema_migrations", transaction: tx, cancellationToken: cancellationToken))).ToHashSet();
            foreach (var migration in All.Where(m => !done.Contains(m.Version) && (upToVersion is null || m.Version <= upToVersion)))
            {
                await c.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: tx, cancellationToken: cancellationToken));
                await c.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, EXTRACT(EPOCH FROM clock_timestamp()))",
                    new { migration.Version, migration.Name }, tx, cancellationToken: cancellationToken));
                applied.Add(migration);
            }
            await tx.CommitAsync(cancellationToken);
        }
        foreach (var migration in applied)
        {
            LogApplied(logger, migration.Version, migration.Name);
        }
        return applied.Count;
    }

    public Task<int> CurrentVersionAsync(CancellationToken cancellationToken) =>
        database.ReadAsync(c => c.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", cancellationToken: cancellationToken)), cancellationToken);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Applied PostgreSQL migration {Version} ({Name})")]
    private static partial void LogApplied(ILogger logger, int version, string name);
}
