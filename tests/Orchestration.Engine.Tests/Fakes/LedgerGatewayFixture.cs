using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.Core.Configuration;
using Orchestration.Core.Domain;
using Orchestration.Engine.Budget;
using Orchestration.Engine.Configuration;
using Orchestration.Engine.Models;
using Orchestration.Storage;
using Orchestration.Storage.Migrations;
using Orchestration.Storage.Sqlite;

namespace Orchestration.Engine.Tests.Fakes;

/// <summary>
/// The real model layer over the real budget ledger on a SQLite file (usage_records, budget_reservations,
/// budget_totals), with one user and project to charge and the instant clock: a call goes through what the executor's
/// calls go through, and the test reads back what the store holds.
/// </summary>
internal sealed class LedgerGatewayFixture : IAsyncDisposable
{
    private readonly string _directory;
    private readonly ServiceProvider _services;

    private LedgerGatewayFixture(string directory, ServiceProvider services)
    {
        _directory = directory;
        _services = services;
    }

    public string UserId { get; } = Ids.New();
    public string ProjectId { get; } = Ids.New();
    public InstantTimeProvider Time { get; private init; } = null!;
    public IModelGateway Gateway => _services.GetRequiredService<IModelGateway>();
    public IModelStreamingGateway Streaming => _services.GetRequiredService<IModelStreamingGateway>();
    public IBudgetStatusReader Budget => _services.GetRequiredService<IBudgetStatusReader>();

    public static async Task<LedgerGatewayFixture> StartAsync(OrchestrationConfig config)
    {
        var directory = Directory.CreateTempSubdirectory("orch-models-").FullName;
        var time = new InstantTimeProvider();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(time)
            .AddSqliteStorage(Path.Combine(directory, "orchestration.db"))
            .AddConfigSections(config)
            .AddBudget()
            .AddModels()
            .BuildServiceProvider();
        var fixture = new LedgerGatewayFixture(directory, services) { Time = time };
        await services.GetRequiredService<Migrator>().MigrateAsync(CancellationToken.None);
        await using var c = await services.GetRequiredService<SqliteDatabase>().OpenAsync(CancellationToken.None);
        await c.ExecuteAsync("INSERT INTO users (id, email, display_name, role, created_at) VALUES (@UserId, 'a@example.test', 'A', 'user', 0)", new { fixture.UserId });
        await c.ExecuteAsync(
            "INSERT INTO projects (id, owner_id, name, requirements, status, planning_rigor, config, created_at, updated_at) VALUES (@ProjectId, @UserId, 'Demo', 'r', 'draft', 'L2', '{}', 0, 0)",
            new { fixture.ProjectId, fixture.UserId });
        return fixture;
    }

    public ModelCallContext Context(string taskId = "task-1", CallPurpose purpose = CallPurpose.Execution) => new(UserId, ProjectId, taskId, purpose);

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var c = await _services.GetRequiredService<SqliteDatabase>().OpenAsync(CancellationToken.None);
        return (await c.ExecuteScalarAsync<T>(sql))!;
    }

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql)
    {
        await using var c = await _services.GetRequiredService<SqliteDatabase>().OpenAsync(CancellationToken.None);
        return [.. await c.QueryAsync<T>(sql)];
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
