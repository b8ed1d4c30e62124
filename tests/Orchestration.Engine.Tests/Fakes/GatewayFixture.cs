using Microsoft.Extensions.DependencyInjection;
using Orchestration.Core.Configuration;
using Orchestration.Core.Domain;
using Orchestration.Engine.Budget;
using Orchestration.Engine.Configuration;
using Orchestration.Engine.Models;

namespace Orchestration.Engine.Tests.Fakes;

/// <summary>The real model layer from <c>AddModels</c>, with the fake ledger and the instant clock.</summary>
internal sealed class GatewayFixture : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public GatewayFixture(OrchestrationConfig config, FakeBudgetLedger? ledger = null)
    {
        Config = config;
        Ledger = ledger ?? new FakeBudgetLedger();
        _services = new ServiceCollection()
            .AddSingleton<IBudgetLedger>(Ledger)
            .AddSingleton<TimeProvider>(Time)
            .AddConfigSections(config)
            .AddModels()
            .BuildServiceProvider();
    }

    public OrchestrationConfig Config { get; }
    public FakeBudgetLedger Ledger { get; }
    public InstantTimeProvider Time { get; } = new();
    public IModelGateway Gateway => _services.GetRequiredService<IModelGateway>();
    public IModelStreamingGateway Streaming => _services.GetRequiredService<IModelStreamingGateway>();
    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public static ModelCallContext Context(CallPurpose purpose = CallPurpose.Execution, string? taskId = "task-1") =>
        new("user-1", "project-1", taskId, purpose);

    public static OrchestrationConfig Anthropic(string baseUrl)
    {
        var config = new OrchestrationConfig();
        config.Providers.Default = "anthropic";
        config.Anthropic.ApiKey = "sk-ant-test-key";
        config.Anthropic.BaseUrl = baseUrl;
        return config;
    }

    public static OrchestrationConfig Simulated(int latencyMs = 0, int jitterMs = 0, double failureRate = 0, int seed = 42)
    {
        var config = new OrchestrationConfig();
        config.Providers.Default = "simulated";
        config.Simulated.LatencyMs = latencyMs;
        config.Simulated.LatencyJitterMs = jitterMs;
        config.Simulated.FailureRate = failureRate;
        config.Simulated.Seed = seed;
        return config;
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
