using Orchestration.Core.Configuration;
using Orchestration.Core.Routing;

namespace Orchestration.Engine.Health;

/// <summary>The simulated provider is always online; its entry says whether it is the one answering.</summary>
internal sealed class SimulatedProbe(SimulatedOptions simulated, ModelRouter router) : IServiceProbe
{
    public Task<IReadOnlyList<ServiceStatus>> ProbeAsync(CancellationToken cancellationToken)
    {
        var active = router.IsSimulated;
        var details = new Dictionary<string, object?>
        {
            ["simulated"] = true,
            ["active"] = active,
            ["default_provider"] = router.DefaultProvider,
            ["note"] = active
                ? "Model calls are answered offline by the simulated provider: generated answers, priced as the models they stand in for."
                : $"Not in use: model calls go to {router.DefaultProvider}.",
            ["seed"] = simulated.Seed,
            ["latency_ms"] = simulated.LatencyMs,
            ["latency_jitter_ms"] = simulated.LatencyJitterMs,
            ["failure_rate"] = simulated.FailureRate,
        };
        IReadOnlyList<ServiceStatus> result =
            [new ServiceStatus(ProviderProbes.SimulatedId, "Simulated model provider", ServiceStatus.Online, "built-in", details, ProviderProbes.Category)];
        return Task.FromResult(result);
    }
}
