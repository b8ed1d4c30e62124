using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.Core.Domain;
using Orchestration.Storage.Migrations;
using Orchestration.Storage.Plans;
using Orchestration.Storage.Projects;
using Orchestration.Storage.Sqlite;
using Orchestration.Storage.Tasks;
using Orchestration.Storage.Users;

namespace Orchestration.Storage.Tests.Infrastructure;

/// <summary>A migrated SQLite file in a fresh temp directory, with the stores resolved the way the server does.</summary>
public sealed class TestDatabase : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "orch-storage-tests", Guid.NewGuid().ToString("N"));
    private ServiceProvider? _services;

    public IServiceProvider Services => _services!;
    public SqliteDatabase Database => Services.GetRequiredService<SqliteDatabase>();
    public IProjectStore Projects => Services.GetRequiredService<IProjectStore>();
    public IPlanStore Plans => Services.GetRequiredService<IPlanStore>();
    public ITaskReadStore Tasks => Services.GetRequiredService<ITaskReadStore>();

    public async ValueTask InitializeAsync()
    {
        _services = new ServiceCollection()
            .AddLogging()
            .AddSqliteStorage(Path.Combine(_directory, "test.db"))
            .AddSqlitePlanningStorage()
            .BuildServiceProvider();
        await Services.GetRequiredService<Migrator>().MigrateAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
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

    public async Task<string> CreateUserAsync()
    {
        var user = await Services.GetRequiredService<IUserStore>().CreateAsync(
            $"{Guid.NewGuid():N}@example.com", "t", "hash", 1, TestContext.Current.CancellationToken);
        return user!.Id;
    }

    public async Task<Project> CreateProjectAsync(string ownerId, string requirements = "One.\n\nTwo.\n\nThree.", ProjectStatus status = ProjectStatus.Draft)
    {
        var project = await Projects.CreateAsync(new Project
        {
            Id = Ids.New(), OwnerId = ownerId, Name = "p", Requirements = requirements, Status = status.ToWire(),
            PlanningRigor = "L2", CreatedAt = 1, UpdatedAt = 1,
        }, TestContext.Current.CancellationToken);
        return project;
    }

    /// <summary>Sets a column directly, for states another part of the engine would produce (a task that ran, ...).</summary>
    public async Task ExecuteAsync(string sql, object? args = null)
    {
        await using var c = await Database.OpenAsync(TestContext.Current.CancellationToken);
        await c.ExecuteAsync(sql, args);
    }

    public async Task<T> ScalarAsync<T>(string sql, object? args = null)
    {
        await using var c = await Database.OpenAsync(TestContext.Current.CancellationToken);
        return (await c.ExecuteScalarAsync<T>(sql, args))!;
    }
}
