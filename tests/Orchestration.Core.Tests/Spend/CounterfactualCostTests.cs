using Orchestration.Core.Configuration;
using Orchestration.Core.Domain;
using Orchestration.Core.Pricing;
using Orchestration.Core.Routing;
using Orchestration.Core.Spend;

namespace Orchestration.Core.Tests.Spend;

public sealed class CounterfactualCostTests
{
    private const string Haiku = "claude-haiku-4-5-20251001";
    private const string Sonnet = "claude-sonnet-4-6";

    private static CounterfactualPricer Pricer(string provider = "anthropic")
    {
        var config = new OrchestrationConfig();
        config.Providers.Default = provider;
        config.Anthropic.ApiKey = "sk-test";
        var router = new ModelRouter(config.Providers, config.Anthropic, config.Ollama, config.Openai, config.Routing);
        return new CounterfactualPricer(new TierPrices(router, new PriceCalculator(config.ModelPricing)));
    }

    private static ObservedCall Call(string? task, string model, long input, long output, long cacheWrite = 0, long cacheRead = 0,
        CallPurpose purpose = CallPurpose.Execution, long? cost = null)
    {
        var tokens = new TokenUsage(input, output, cacheWrite, cacheRead);
        var actual = cost ?? Money.ToNanos(new PriceCalculator(ModelPrice.Defaults()).Cost("anthropic", model, tokens));
        return new ObservedCall(task, purpose, "anthropic", model, tokens, actual);
    }

    private static Dictionary<string, SpendTask> Tasks(params SpendTask[] tasks) => tasks.ToDictionary(t => t.Id);

    private static readonly IReadOnlyList<RoutingScenario> Alternatives = [RoutingScenario.AllOn(ModelTier.Sonnet), RoutingScenario.AllOn(ModelTier.Haiku)];

    [Fact]
    public void A_haiku_run_costs_three_times_as_much_on_sonnet_with_the_same_tokens()
    {
        // 1M input on haiku = $1, 100k output = $0.50 → $1.50; on sonnet $3 + $1.50 = $4.50.
        var report = Pricer().Price([Call("t1", Haiku, 1_000_000, 100_000)],
            Tasks(new SpendTask("t1", "Write it", "code", "simple", ModelTier.Haiku)), Alternatives);

        Assert.Equal(1_500_000_000, report.ActualNanos);
        var sonnet = report.Scenarios[0];
        Assert.Equal(("all_sonnet", 4_500_000_000L, 3_000_000_000L, (double?)66.67), (sonnet.Name, sonnet.TotalNanos, sonnet.SavingNanos, sonnet.SavingPct));
        var driver = Assert.Single(sonnet.Drivers);
        Assert.Equal(("t1", "haiku", "sonnet", 1), (driver.TaskId, driver.Tier, driver.ScenarioTier, driver.Calls));
        var haiku = report.Scenarios[1];
        Assert.Equal((1_500_000_000L, 0L, (double?)0.0), (haiku.TotalNanos, haiku.SavingNanos, haiku.SavingPct));
        Assert.Empty(haiku.Drivers);
    }

    [Fact]
    public void Cache_reads_and_writes_are_priced_at_each_models_own_cache_rates()
    {
        // Sonnet: write 1.25 × $3 = $3.75/M, read 0.1 × $3 = $0.30/M. Haiku's configured: $1.25 and $0.10.
        var report = Pricer().Price([Call("t1", Sonnet, 0, 0, cacheWrite: 1_000_000, cacheRead: 10_000_000)],
            Tasks(new SpendTask("t1", "Big prompt", "code", "medium", ModelTier.Sonnet)), Alternatives);

        Assert.Equal(6_750_000_000, report.ActualNanos);
        Assert.Equal(report.ActualNanos, report.Scenarios[0].TotalNanos);
        Assert.Equal(2_250_000_000, report.Scenarios[1].TotalNanos);
        Assert.Equal(-4_500_000_000, report.Scenarios[1].SavingNanos);
        Assert.Equal(-200.0, report.Scenarios[1].SavingPct);
        Assert.Equal(10.0 / 11, report.Cache.ReadShare, 9);
    }

    [Fact]
    public void A_failed_attempt_before_an_escalation_is_priced_too()
    {
        // The haiku attempt failed verification, then the task ran on sonnet; both calls are the task's spend.
        var calls = new[] { Call("t1", Haiku, 100_000, 10_000), Call("t1", Sonnet, 100_000, 10_000) };
        var report = Pricer().Price(calls, Tasks(new SpendTask("t1", "Escalated", "code", "simple", ModelTier.Sonnet)), Alternatives);

        Assert.Equal(150_000_000 + 450_000_000, report.ActualNanos);
        Assert.Equal(900_000_000, report.Scenarios[0].TotalNanos);
        Assert.Equal(300_000_000, report.Scenarios[1].TotalNanos);
        Assert.Equal(2, report.Scenarios[1].Drivers.Single().Calls);
    }

    [Fact]
    public void Planning_and_verification_calls_keep_their_actual_cost_in_every_scenario()
    {
        var calls = new[]
        {
            Call(null, Sonnet, 10_000, 1_000, purpose: CallPurpose.Planning),
            Call("t1", Haiku, 5_000, 500, purpose: CallPurpose.Verification),
            Call("t1", Sonnet, 100_000, 10_000),
            Call("gone", Sonnet, 100_000, 10_000),
        };
        var report = Pricer().Price(calls, Tasks(new SpendTask("t1", "Kept", "code", "medium", ModelTier.Sonnet)), Alternatives);

        Assert.Equal((4, 1), (report.Calls, report.RepricedCalls));
        Assert.Equal(calls[2].CostNanos, report.RepricedNanos);
        Assert.Equal(report.ActualNanos - calls[2].CostNanos, report.FixedNanos);
        Assert.Equal(report.FixedNanos + 150_000_000, report.Scenarios[1].TotalNanos);
    }

    [Fact]
    public void A_supplied_routing_table_decides_each_tasks_tier_with_local_tiers_free()
    {
        var routing = new RoutingOptions
        {
            Table = new() { ["code"] = new() { ["simple"] = "haiku", ["complex"] = "opus" }, ["research"] = new() { ["simple"] = "ollama" } },
            DefaultTier = "sonnet",
        };
        var tasks = Tasks(
            new SpendTask("a", "Simple code", "code", "simple", ModelTier.Sonnet),
            new SpendTask("b", "Complex code", "code", "complex", ModelTier.Sonnet),
            new SpendTask("c", "Look it up", "research", "simple", ModelTier.Haiku),
            new SpendTask("d", "Unlisted", "analysis", "medium", ModelTier.Haiku));
        var calls = tasks.Keys.Select(id => Call(id, tasks[id].Tier == ModelTier.Sonnet ? Sonnet : Haiku, 1_000_000, 0)).ToList();

        var scenario = Pricer().Price(calls, tasks, [RoutingScenario.Routed(routing)]).Scenarios.Single();

        Assert.Equal("routing", scenario.Name);
        // a: $1 (haiku), b: $15 (opus), c: free, d: $3 (default sonnet).
        Assert.Equal(19_000_000_000, scenario.TotalNanos);
        Assert.Equal(["b", "a", "d", "c"], scenario.Drivers.Select(d => d.TaskId));
        Assert.Equal(["opus", "haiku", "sonnet", "ollama"], scenario.Drivers.Select(d => d.ScenarioTier));
    }

    [Fact]
    public void The_simulated_provider_is_priced_as_the_models_it_stands_in_for()
    {
        var report = Pricer("simulated").Price([Call("t1", Haiku, 1_000_000, 0)],
            Tasks(new SpendTask("t1", "Sim", "code", "simple", ModelTier.Haiku)), [RoutingScenario.AllOn(ModelTier.Sonnet), RoutingScenario.AllOn(ModelTier.Ollama)]);

        Assert.Equal(3_000_000_000, report.Scenarios[0].TotalNanos);
        Assert.Equal(0, report.Scenarios[1].TotalNanos);
        Assert.Equal(66.67, report.Scenarios[0].SavingPct);
    }

    [Fact]
    public void Drivers_are_the_largest_differences_first_and_at_most_the_limit()
    {
        var tasks = Tasks(Enumerable.Range(1, 8).Select(i => new SpendTask($"t{i}", $"Task {i}", "code", "simple", ModelTier.Haiku)).ToArray());
        var calls = Enumerable.Range(1, 8).Select(i => Call($"t{i}", Haiku, i * 100_000, 0)).ToList();

        var sonnet = Pricer().Price(calls, tasks, Alternatives).Scenarios[0];

        Assert.Equal(["t8", "t7", "t6", "t5", "t4"], sonnet.Drivers.Select(d => d.TaskId));
        Assert.All(sonnet.Drivers, d => Assert.Equal(d.ActualNanos * 3, d.ScenarioNanos));
    }

    [Fact]
    public void No_calls_is_an_empty_report_not_a_division_by_zero()
    {
        var report = Pricer().Price([], Tasks(), Alternatives);
        Assert.Equal((0L, 0.0), (report.ActualNanos, report.Cache.ReadShare));
        Assert.All(report.Scenarios, s => Assert.Equal((0L, (double?)null), (s.SavingNanos, s.SavingPct)));
    }
}
