using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Orchestration.Core.Configuration;
using Orchestration.Core.Domain;
using Orchestration.Engine.Budget;
using Orchestration.Engine.Configuration;
using Orchestration.Engine.Events;
using Orchestration.Engine.Models;
using Orchestration.Storage;
using Orchestration.Storage.Migrations;
using Orchestration.Storage.Sqlite;
using Orchestration.Storage.Usage;

namespace Orchestration.Engine.Tests.Budget;

/// <summary>
/// One process instance of the budget wired as the server wires it (AddSqliteStorage + AddBudget) on a real,
/// migrated SQLite file in a temp directory. <see cref="StartAnotherInstanceAsync"/> opens a second instance on the
/// same file, as a second process would.
/// </summary>
internal sealed class LedgerHarness : IAsyncDisposable
{
    private readonly string? _ownedDirectory;

    private LedgerHarness(string path, OrchestrationConfig config, FakeTimeProvider time, string? ownedDirectory)
    {
        _ownedDirectory = ownedDirectory;
        Config = config;
        Time = time;
        var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<TimeProvider>(time)
            .AddSingleton<IEventPublisher>(Events)
            .AddSqliteStorage(path)
            .AddConfigSections(config)
            .AddBudget();
        Services = services.BuildServiceProvider();
    }

    public OrchestrationConfig Config { get; }
    public FakeTimeProvider Time { get; }
    public RecordingEventPublisher Events { get; } = new();
    public ServiceProvider Services { get; }
    public IBudgetLedger Ledger => Services.GetRequiredService<IBudgetLedger>();
    public SqliteDatabase Database => Services.GetRequiredService<SqliteDatabase>();
    public BudgetLedgerOptions Options => Services.GetRequiredService<BudgetLedgerOptions>();

    public static async Task<LedgerHarness> CreateAsync(decimal daily = 5m, decimal monthly = 50m, decimal perProject = 10m, DateTimeOffset? now = null)
    {
        var directory = Directory.CreateTempSubdirectory("orch-budget-").FullName;
        var config = new OrchestrationConfig
        {
            Budget = new BudgetOptions { DailyLimitUsd = daily, MonthlyLimitUsd = monthly, PerProjectLimitUsd = perProject, WarnAtPct = 80 },
        };
        var time = new FakeTimeProvider(now ?? new DateTimeOffset(2025, 3, 14, 12, 0, 0, TimeSpan.Zero));
        var harness = new LedgerHarness(Path.Combine(directory, "orchestration.db"), config, time, directory);
        await harness.Services.GetRequiredService<Migrator>().MigrateAsync(CancellationToken.None);
        return harness;
    }

    /// <summary>A second process on the same file: same config and clock, its own instance id and write gate.</summary>
    public LedgerHarness StartAnotherInstance() => new(Database.Path, Config, Time, ownedDirectory: null);

    /// <summary>Runs the hosted services' startup, as the host does before serving.</summary>
    public async Task StartHostedServicesAsync()
    {
        foreach (var service in Services.GetServices<IHostedService>())
        {
            await service.StartAsync(CancellationToken.None);
        }
    }

    public async Task<string> CreateUserAsync()
    {
        var id = Ids.New();
        await using var c = await Database.OpenAsync(CancellationToken.None);
        await c.ExecuteAsync(
            "INSERT INTO users (id, email, display_name, role, created_at) VALUES (@id, @email, 'User', 'user', 0)",
            new { id, email = $"{id}@example.test" });
        return id;
    }

    public async Task<string> CreateProjectAsync(string ownerId, string name = "Project", string config = "{}")
    {
        var id = Ids.New();
        await using var c = await Database.OpenAsync(CancellationToken.None);
        await c.ExecuteAsync(
            """
            INSERT INTO projects (id, owner_id, name, requirements, status, planning_rigor, config, created_at, updated_at)
            VALUES (@id, @ownerId, @name, 'r', 'draft', 'L2', @config, 0, 0)
            """, new { id, ownerId, name, config });
        return id;
    }

    public async Task<T> ScalarAsync<T>(string sql, object? args = null)
    {
        await using var c = await Database.OpenAsync(CancellationToken.None);
        return (await c.ExecuteScalarAsync<T>(sql, args))!;
    }

    public static ModelCallContext Call(string userId, string? projectId) => new(userId, projectId, null, CallPurpose.Execution);

    public static UsageRecord Usage(string userId, string? projectId, decimal cost, string provider = "anthropic", string model = "claude-sonnet-4-6") =>
        new(userId, projectId, null, CallPurpose.Execution, provider, model, 1000, 200, 0, 0, cost, 12.5, "ok");

    public async ValueTask DisposeAsync()
    {
        foreach (var service in Services.GetServices<IHostedService>())
        {
            await service.StopAsync(CancellationToken.None);
        }
        await Services.DisposeAsync();
        if (_ownedDirectory is not null)
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(_ownedDirectory, recursive: true);
        }
    }
}
