namespace Orchestration.Engine.Health;

/// <summary>The health of the external services, probed on demand and cached for <c>resource_check_interval_sec</c>.</summary>
public interface IServiceHealth
{
    /// <summary>The provider paid tiers use ("anthropic", "openai", "ollama" or "simulated").</summary>
    string DefaultProvider { get; }

    /// <summary>Every service; <paramref name="refresh"/> probes now instead of answering from a fresh-enough cache.</summary>
    Task<IReadOnlyList<ServiceStatus>> GetAllAsync(bool refresh, CancellationToken cancellationToken);

    Task<ServiceStatus?> GetAsync(string id, bool refresh, CancellationToken cancellationToken);

    /// <summary>Whether calls to a provider can be expected to work now (online or degraded), for offline fallback. Answers
    /// from the last snapshot (refreshed in the background once older than resource_check_interval_sec) without waiting.</summary>
    Task<bool> IsProviderAvailableAsync(string provider, CancellationToken cancellationToken);
}
