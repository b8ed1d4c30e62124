using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.Core.Configuration;
using Orchestration.Core.Domain;
using Orchestration.Engine.Budget;
using Orchestration.Engine.Configuration;
using Orchestration.Engine.Models;
using Orchestration.Engine.Tests.Fakes;
using Orchestration.Storage;
using Orchestration.Storage.Migrations;
using Orchestration.Storage.Sqlite;

namespace Orchestration.Engine.Tests.Models;

/// <summary>The gateway with the real SQLite budget ledger: usage rows, released reservations, caps under concurrency.</summary>
public sealed class GatewayLedgerIntegrationTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("orch-models-").FullName;
    private ServiceProvider _services = null!;
    private string _userId = "";
    private string _projectId = "";

    private async Task StartAsync(decimal perProjectLimit)
    {
        var config = GatewayFixture.Simulated();
        config.Budget = new BudgetOptions { DailyLimitUsd = 100m, MonthlyLimitUsd = 100m, PerProjectLimitUsd = perProjectLimit, WarnAtPct = 80 };
        _services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(new InstantTimeProvider())
            .AddSqliteStorage(Path.Combine(_directory, "orchestration.db"))
            .AddConfigSections(config)
            .AddBudget()
            .AddModels()
            .BuildServiceProvider();
        await _services.GetRequiredService<Migrator>().MigrateAsync(CancellationToken.None);
        _userId = Ids.New();
        _projectId = Ids.New();
        await using var c = await _services.GetRequiredService<SqliteDatabase>().OpenAsync(CancellationToken.None);
        await c.ExecuteAsync("INSERT INTO users (id, email, display_name, role, created_at) VALUES (@_userId, 'a@example.test', 'A', 'user', 0)", new { _userId });
        await c.ExecuteAsync(
            "INSERT INTO projects (id, owner_id, name, requirements, status, planning_rigor, config, created_at, updated_at) VALUES (@_projectId, @_userId, 'Demo', 'r', 'draft', 'L2', '{}', 0, 0)",
            new { _projectId, _userId });
    }

    private ModelRequest Request(int i) =>
        new(new ModelCallContext(_userId, _projectId, $"task-{i}", CallPurpose.Execution), ModelTier.Sonnet, null,
            [new(ChatRole.User, $"Title: Task {i}\n\nDo the work.")], new ChatOptions { MaxOutputTokens = 1_000 });

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var c = await _services.GetRequiredService<SqliteDatabase>().OpenAsync(CancellationToken.None);
        return (await c.ExecuteScalarAsync<T>(sql))!;
    }

    [Fact]
    public async Task A_simulated_call_is_recorded_as_simulated_priced_and_settled()
    {
        await StartAsync(perProjectLimit: 10m);

        var result = await _services.GetRequiredService<IModelGateway>().CompleteAsync(Request(1), TestContext.Current.CancellationToken);

        Assert.Equal(1L, await ScalarAsync<long>("SELECT COUNT(*) FROM usage_records WHERE provider = 'simulated' AND model = 'claude-sonnet-4-6' AND outcome = 'ok'"));
        Assert.Equal(result.CostNanos, await ScalarAsync<long>("SELECT cost_nanos FROM usage_records"));
        Assert.Equal(result.PromptTokens, await ScalarAsync<long>("SELECT prompt_tokens FROM usage_records"));
        Assert.Equal("Demo", await ScalarAsync<string>("SELECT project_name FROM usage_records"));
        Assert.Equal(0L, await ScalarAsync<long>("SELECT COUNT(*) FROM budget_reservations"));
    }

    [Fact]
    public async Task Concurrent_calls_never_overspend_the_project_cap()
    {
        // A sonnet call reserves ~1,000 × $15 / 1e6 ≈ $0.015 and settles at well under a cent, so a 5-cent cap admits
        // only a few calls at a time and refuses the rest once settled + reserved would pass it.
        await StartAsync(perProjectLimit: 0.05m);
        var gateway = _services.GetRequiredService<IModelGateway>();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 64).Select(async i =>
        {
            try
            {
                await gateway.CompleteAsync(Request(i), CancellationToken.None);
                return "ok";
            }
            catch (BudgetExceededException ex)
            {
                Assert.Equal("project", ex.Scope);
                return "refused";
            }
        }));

        var spent = Money.FromNanos(await ScalarAsync<long>("SELECT COALESCE(SUM(cost_nanos), 0) FROM usage_records"));
        Assert.True(spent <= 0.05m, $"spent {spent} of a 0.05 cap");
        Assert.Contains("refused", outcomes);
        Assert.Equal(outcomes.Count(o => o == "ok"), await ScalarAsync<long>("SELECT COUNT(*) FROM usage_records WHERE outcome = 'ok'"));
        Assert.Equal(0L, await ScalarAsync<long>("SELECT COUNT(*) FROM budget_reservations"));
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
