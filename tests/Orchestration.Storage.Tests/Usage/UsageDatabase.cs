using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.Core.Domain;
using Orchestration.Storage.Migrations;
using Orchestration.Storage.Sqlite;
using Orchestration.Storage.Usage;

namespace Orchestration.Storage.Tests.Usage;

/// <summary>A migrated SQLite file in a temp directory with helpers to write users, projects and usage rows.</summary>
internal sealed class UsageDatabase : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("orch-usage-").FullName;
    private readonly ServiceProvider _services;

    private UsageDatabase()
    {
        _services = new ServiceCollection()
            .AddLogging()
            .AddSqliteStorage(Path.Combine(_directory, "orchestration.db"))
            .AddUsageStorage()
            .BuildServiceProvider();
    }

    public IUsageStore Store => _services.GetRequiredService<IUsageStore>();

    public static async Task<UsageDatabase> CreateAsync()
    {
        var db = new UsageDatabase();
        await db._services.GetRequiredService<Migrator>().MigrateAsync(CancellationToken.None);
        return db;
    }

    public async Task<string> UserAsync()
    {
        var id = Ids.New();
        await ExecuteAsync("INSERT INTO users (id, email, display_name, role, created_at) VALUES (@id, @email, 'U', 'user', 0)",
            new { id, email = $"{id}@example.test" });
        return id;
    }

    public async Task<string> ProjectAsync(string ownerId, string name)
    {
        var id = Ids.New();
        await ExecuteAsync(
            """
            INSERT INTO projects (id, owner_id, name, requirements, status, planning_rigor, created_at, updated_at)
            VALUES (@id, @ownerId, @name, 'r', 'draft', 'L2', 0, 0)
            """, new { id, ownerId, name });
        return id;
    }

    public Task UsageAsync(
        string userId, string? projectId, DateTimeOffset at, decimal costUsd, string model = "claude-sonnet-4-6",
        string provider = "anthropic", long prompt = 100, long completion = 10, string? projectName = null) =>
        ExecuteAsync(
            """
            INSERT INTO usage_records (id, created_at, user_id, project_id, project_name, purpose, provider, model,
                prompt_tokens, completion_tokens, cost_nanos, latency_ms, outcome)
            VALUES (@id, @at, @userId, @projectId,
                COALESCE(@projectName, (SELECT name FROM projects WHERE id = @projectId)), 'execution', @provider, @model,
                @prompt, @completion, @cost, 10, 'ok')
            """,
            new { id = Ids.New(), at = at.ToEpoch(), userId, projectId, projectName, provider, model, prompt, completion, cost = Money.ToNanos(costUsd) });

    public async Task ExecuteAsync(string sql, object args)
    {
        await using var c = await _services.GetRequiredService<SqliteDatabase>().OpenAsync(CancellationToken.None);
        await c.ExecuteAsync(sql, args);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
