using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestration.Storage.Migrations;
using Orchestration.Storage.Sqlite;

namespace Orchestration.Storage.Tests.Migrations;

public sealed class MigratorTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "orch-storage-tests", Guid.NewGuid().ToString("N"));

    private SqliteDatabase NewDatabase() => new(Path.Combine(_directory, "test.db"));

    [Fact]
    public async Task A_database_from_the_first_migration_upgrades_to_the_latest_with_data_intact()
    {
        var database = NewDatabase();
        var migrator = new Migrator(database, NullLogger<Migrator>.Instance);
        await migrator.MigrateAsync(TestContext.Current.CancellationToken, upToVersion: 1);
        Assert.Equal(1, await migrator.CurrentVersionAsync(TestContext.Current.CancellationToken));

        await using (var c = await database.OpenAsync(TestContext.Current.CancellationToken))
        {
            await c.ExecuteAsync("""
                INSERT INTO users (id, email, display_name, password_hash, role, created_at) VALUES ('u1', 'a@example.com', 'a', 'h', 'admin', 1);
                INSERT INTO projects (id, owner_id, name, requirements, status, planning_rigor, created_at, updated_at)
                VALUES ('p1', 'u1', 'kept', 'req', 'draft', 'L2', 1, 1);
                """);
        }

        var applied = await migrator.MigrateAsync(TestContext.Current.CancellationToken);
        Assert.Equal(Migrator.All.Count - 1, applied);
        Assert.Equal(Migrator.LatestVersion, await migrator.CurrentVersionAsync(TestContext.Current.CancellationToken));
        await using (var c = await database.OpenAsync(TestContext.Current.CancellationToken))
        {
            Assert.Equal("kept", await c.ExecuteScalarAsync<string>("SELECT name FROM projects WHERE id = 'p1'"));
            Assert.Equal("a@example.com", await c.ExecuteScalarAsync<string>("SELECT email FROM users WHERE id = 'u1'"));
        }
    }

    [Fact]
    public async Task Migrating_twice_applies_nothing_and_the_file_is_in_wal_mode()
    {
        var database = NewDatabase();
        var migrator = new Migrator(database, NullLogger<Migrator>.Instance);
        Assert.Equal(Migrator.All.Count, await migrator.MigrateAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await migrator.MigrateAsync(TestContext.Current.CancellationToken));
        await using var c = await database.OpenAsync(TestContext.Current.CancellationToken);
        Assert.Equal("wal", await c.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
        Assert.Equal(1L, await c.ExecuteScalarAsync<long>("PRAGMA foreign_keys"));
        Assert.Equal(Migrator.All.Count, await c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task A_database_migrated_by_a_newer_server_is_refused()
    {
        var database = NewDatabase();
        var migrator = new Migrator(database, NullLogger<Migrator>.Instance);
        await migrator.MigrateAsync(TestContext.Current.CancellationToken);
        await using (var c = await database.OpenAsync(TestContext.Current.CancellationToken))
        {
            await c.ExecuteAsync("INSERT INTO schema_migrations (version, name, applied_at) VALUES (@v, 'from_the_future', 0)",
                new { v = Migrator.LatestVersion + 1 });
        }

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => migrator.MigrateAsync(TestContext.Current.CancellationToken));

        Assert.Equal($"The database schema is at version {Migrator.LatestVersion + 1}, newer than this server knows ({Migrator.LatestVersion}); " +
            "upgrade the server.", refused.Message);
    }

    [Fact]
    public void Migrations_have_unique_ascending_numbers_starting_at_one()
    {
        var versions = Migrator.All.Select(m => m.Version).ToList();
        Assert.Equal(1, versions[0]);
        Assert.Equal(versions.Order().Distinct(), versions);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
