using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.Core.Configuration;
using Orchestration.Core.Domain;
using Orchestration.Engine.Budget;
using Orchestration.Engine.Configuration;
using Orchestration.Engine.Execution;
using Orchestration.Engine.Models;
using Orchestration.Engine.Planning;
using Orchestration.Engine.Tests.Fakes;
using Orchestration.Storage;
using Orchestration.Storage.Migrations;
using Orchestration.Storage.Plans;
using Orchestration.Storage.Projects;
using Orchestration.Storage.Sqlite;
using Orchestration.Storage.Users;

namespace Orchestration.Engine.Tests.Planning;

/// <summary>Planning on a real migrated SQLite file, with either a fake gateway or the real model layer
/// (AddModels with the fake ledger) in front of a loopback or simulated provider.</summary>
internal sealed class PlanningHarness : IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "orch-engine-tests", Guid.NewGuid().ToString("N"));
    private readonly ServiceProvider _services;

    private PlanningHarness(OrchestrationConfig config, IModelGateway? gateway, FakeBudgetLedger ledger, TimeProvider time)
    {
        Config = config;
        Ledger = ledger;
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(time)
            .AddConfigSections(config)
            .AddSqliteStorage(Path.Combine(_directory, "test.db"));
        if (gateway is null)
        {
            services.AddSingleton<IBudgetLedger>(ledger).AddModels();
        }
        else
        {
            services.AddSingleton(gateway);
        }
        // Re-planning holds and releases the executor (never started here) and publishes events.
        _services = services.AddExecution().AddPlanning().BuildServiceProvider();
    }

    public OrchestrationConfig Config { get; }
    public FakeBudgetLedger Ledger { get; }
    public IPlanner Planner => _services.GetRequiredService<IPlanner>();
    public IPlanService Plans => _services.GetRequiredService<IPlanService>();
    public IPlanStore PlanStore => _services.GetRequiredService<IPlanStore>();
    public IProjectStore Projects => _services.GetRequiredService<IProjectStore>();
    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public static Task<PlanningHarness> StartAsync(IModelGateway gateway, OrchestrationConfig? config = null, TimeProvider? time = null) =>
        StartAsync(config ?? new OrchestrationConfig(), gateway, time);

    /// <summary>The real model layer from AddModels for <paramref name="config"/>.</summary>
    public static Task<PlanningHarness> StartWithModelsAsync(OrchestrationConfig config) => StartAsync(config, null, null);

    private static async Task<PlanningHarness> StartAsync(OrchestrationConfig config, IModelGateway? gateway, TimeProvider? time)
    {
        var harness = new PlanningHarness(config, gateway, new FakeBudgetLedger(), time ?? new InstantTimeProvider());
        await harness.Get<Migrator>().MigrateAsync(TestContext.Current.CancellationToken);
        return harness;
    }

    public async Task<string> CreateUserAsync() =>
        (await Get<IUserStore>().CreateAsync($"{Guid.NewGuid():N}@example.com", "t", "hash", 1, TestContext.Current.CancellationToken))!.Id;

    public async Task<Project> CreateProjectAsync(string ownerId, string requirements, PlanningRigor rigor = PlanningRigor.L2,
        ProjectStatus status = ProjectStatus.Draft, double updatedAt = 0)
    {
        var now = updatedAt > 0 ? updatedAt : DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
        return await Projects.CreateAsync(new Project
        {
            Id = Ids.New(), OwnerId = ownerId, Name = "demo", Requirements = requirements, Status = status.ToWire(),
            PlanningRigor = rigor.ToWire(), CreatedAt = now, UpdatedAt = now,
        }, TestContext.Current.CancellationToken);
    }

    public async Task<Project> ProjectAsync(Project project) =>
        (await Projects.GetAsync(project.OwnerId, project.Id, TestContext.Current.CancellationToken))!;

    public async Task<long> CountAsync(string table)
    {
        await using var c = await Get<SqliteDatabase>().OpenAsync(TestContext.Current.CancellationToken);
        return await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}");
    }

    public async Task ExecuteAsync(string sql, object? args = null)
    {
        await using var c = await Get<SqliteDatabase>().OpenAsync(TestContext.Current.CancellationToken);
        await c.ExecuteAsync(sql, args);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS temp cleaner.
        }
    }
}
