using Microsoft.Extensions.AI;
using Orchestration.Core.Configuration;
using Orchestration.Core.Domain;
using Orchestration.Engine.Models;
using Orchestration.Engine.Tests.Fakes;

namespace Orchestration.Engine.Tests.Models;

/// <summary>The gateway with the real SQLite budget ledger: usage rows, released reservations, caps under concurrency.</summary>
public sealed class GatewayLedgerIntegrationTests : IAsyncLifetime
{
    private LedgerGatewayFixture? _models;

    private async Task StartAsync(decimal perProjectLimit)
    {
        var config = GatewayFixture.Simulated();
        config.Budget = new BudgetOptions { DailyLimitUsd = 100m, MonthlyLimitUsd = 100m, PerProjectLimitUsd = perProjectLimit, WarnAtPct = 80 };
        _models = await LedgerGatewayFixture.StartAsync(config);
    }

    private ModelRequest Request(int i) =>
        new(_models!.Context($"task-{i}"), ModelTier.Sonnet, null,
            [new(ChatRole.User, $"Title: Task {i}\n\nDo the work.")], new ChatOptions { MaxOutputTokens = 1_000 });

    private Task<T> ScalarAsync<T>(string sql) => _models!.ScalarAsync<T>(sql);

    [Fact]
    public async Task A_simulated_call_is_recorded_as_simulated_priced_and_settled()
    {
        await StartAsync(perProjectLimit: 10m);

        var result = await _models!.Gateway.CompleteAsync(Request(1), TestContext.Current.CancellationToken);

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
        var gateway = _models!.Gateway;

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
        if (_models is not null)
        {
            await _models.DisposeAsync();
        }
    }
}
