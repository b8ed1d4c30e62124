using Dapper;
using Microsoft.Extensions.Logging;
using Orchestration.Storage.Sqlite;

namespace Orchestration.Storage.Migrations;

public sealed record Migration(int Version, string Name, string Sql);

/// <summary>
/// Applies the embedded, numbered SQL migrations (NNNN_name.sql) in order, each in its own transaction,
/// and records them in schema_migrations. Running it again applies nothing; a database migrated by a newer server
/// (a version this code does not know) is refused.
/// </summary>
public sealed partial class Migrator(SqliteDatabase database, ILogger<Migrator> logger)
{
    public static IReadOnlyList<Migration> All { get; } = EmbeddedMigrations.Load();

    public async Task<int> MigrateAsync(CancellationToken cancellationToken, int? upToVersion = null)
    {
        var directory = Path.GetDirectoryName(database.Path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            await connection.ExecuteAsync("PRAGMA journal_mode=WAL;");
            await connection.ExecuteAsync(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at REAL NOT NULL)");
            EmbeddedMigrations.EnsureKnown(
                await connection.ExecuteScalarAsync<int>("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"), LatestVersion);
        }

        var applied = 0;
        foreach (var migration in All.Where(m => upToVersion is null || m.Version <= upToVersion))
        {
            var done = await database.WriteAsync(async (connection, transaction) =>
            {
                var exists = await connection.ExecuteScalarAsync<long>(
                    "SELECT COUNT(*) FROM schema_migrations WHERE version = @Version", new { migration.Version }, transaction);
                if (exists > 0)
                {
                    return false;
                }
                await connection.ExecuteAsync(migration.Sql, transaction: transaction);
                await connection.ExecuteAsync(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @At)",
                    new { migration.Version, migration.Name, At = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0 }, transaction);
                return true;
            }, cancellationToken);

            if (done)
            {
                applied++;
                LogApplied(logger, migration.Version, migration.Name);
            }
        }
        return applied;
    }

    public async Task<int> CurrentVersionAsync(CancellationToken cancellationToken) =>
        await database.ReadAsync(
            c => c.ExecuteScalarAsync<int>("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"), cancellationToken);

    public static int LatestVersion => All[^1].Version;

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Applied migration {Version} ({Name})")]
    private static partial void LogApplied(ILogger logger, int version, string name);
}
