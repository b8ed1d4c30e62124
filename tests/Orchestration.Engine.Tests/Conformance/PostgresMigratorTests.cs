using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestration.Storage.Migrations;
using Orchestration.Storage.Postgres;
using Orchestration.TestSupport.Postgres;

namespace Orchestration.Engine.Tests.Conformance;

/// <summary>The PostgreSQL migrations: applied once however many servers start together, refused when the database is
/// newer than the code, and the same schema as SQLite's.</summary>
public sealed class PostgresMigratorTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static PostgresMigrator MigratorOn(PostgresDatabase database) => new(database, NullLogger<PostgresMigrator>.Instance);

    [Fact]
    public async Task Servers_starting_together_apply_the_migrations_exactly_once()
    {
        await using var database = await server.CreateDatabaseAsync(Ct);
        var servers = Enumerable.Range(0, 4).Select(_ => new PostgresDatabase(database.ConnectionString)).ToList();
        try
        {
            var applied = await Task.WhenAll(servers.Select(s => Task.Run(() => MigratorOn(s).MigrateAsync(Ct), Ct)));

            Assert.Equal([0, 0, 0, PostgresMigrator.All.Count], applied.Order());
            await using var c = await servers[0].OpenAsync(Ct);
            Assert.Equal(PostgresMigrator.All.Select(m => m.Version),
                await c.QueryAsync<int>("SELECT version FROM schema_migrations ORDER BY version"));
            Assert.Equal(PostgresMigrator.LatestVersion, await MigratorOn(servers[1]).CurrentVersionAsync(Ct));
        }
        finally
        {
            foreach (var s in servers)
            {
                await s.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_database_from_the_first_migration_upgrades_to_the_latest_with_data_intact()
    {
        await using var database = await server.CreateDatabaseAsync(Ct);
        await using var postgres = new PostgresDatabase(database.ConnectionString);
        Assert.Equal(1, await MigratorOn(postgres).MigrateAsync(Ct, upToVersion: 1));
        await using (var c = await postgres.OpenAsync(Ct))
        {
            await c.ExecuteAsync("""
                INSERT INTO users (id, email, display_name, password_hash, role, created_at) VALUES ('u1', 'A@Example.com', 'a', 'h', 'admin', 1);
                INSERT INTO projects (id, owner_id, name, requirements, status, planning_rigor, created_at, updated_at)
                VALUES ('p1', 'u1', 'kept', 'req', 'draft', 'L2', 1, 1);
                """);
        }

        Assert.Equal(PostgresMigrator.All.Count - 1, await MigratorOn(postgres).MigrateAsync(Ct));
        Assert.Equal(0, await MigratorOn(postgres).MigrateAsync(Ct));

        await using var check = await postgres.OpenAsync(Ct);
        Assert.Equal("kept", await check.ExecuteScalarAsync<string>("SELECT name FROM projects WHERE id = 'p1'"));
        // E-mail addresses compare without regard to case, as SQLite's COLLATE NOCASE does.
        Assert.Equal("u1", await check.ExecuteScalarAsync<string>("SELECT id FROM users WHERE email = 'a@example.COM'"));
        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => check.ExecuteAsync(
            "INSERT INTO users (id, email, display_name, role, created_at) VALUES ('u2', 'a@EXAMPLE.com', 'b', 'user', 1)"));
    }

    [Fact]
    public async Task A_database_migrated_by_a_newer_server_is_refused()
    {
        await using var database = await server.CreateDatabaseAsync(Ct);
        await using var postgres = new PostgresDatabase(database.ConnectionString);
        await MigratorOn(postgres).MigrateAsync(Ct);
        await using (var c = await postgres.OpenAsync(Ct))
        {
            await c.ExecuteAsync("INSERT INTO schema_migrations (version, name, applied_at) VALUES (@v, 'from_the_future', 0)",
                new { v = PostgresMigrator.LatestVersion + 1 });
        }

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => MigratorOn(postgres).MigrateAsync(Ct));

        Assert.Equal($"The database schema is at version {PostgresMigrator.LatestVersion + 1}, newer than this server knows " +
            $"({PostgresMigrator.LatestVersion}); upgrade the server.", refused.Message);
    }

    [Fact]
    public void Both_dialects_have_the_same_numbered_migrations()
    {
        Assert.Equal(Migrator.All.Select(m => (m.Version, m.Name)), PostgresMigrator.All.Select(m => (m.Version, m.Name)));
    }
}
