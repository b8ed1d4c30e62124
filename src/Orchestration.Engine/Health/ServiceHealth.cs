using Orchestration.Core.Configuration;
using Orchestration.Core.Routing;

namespace Orchestration.Engine.Health;

/// <summary>
/// Runs every <see cref="IServiceProbe"/> in parallel and keeps the last snapshot. Concurrent callers share one
/// probe run; a snapshot older than <c>resource_check_interval_sec</c> is refreshed on the next read.
/// </summary>
internal sealed class ServiceHealth(IEnumerable<IServiceProbe> probes, ModelRouter router, ResourceCheckOptions resources, TimeProvider time)
    : IServiceHealth
{
    private readonly Lock _gate = new();
    private Task<IReadOnlyList<ServiceStatus>>? _running;
    private IReadOnlyList<ServiceStatus>? _snapshot;
    private long _takenAt;

    public string DefaultProvider => router.DefaultProvider;

    public async Task<IReadOnlyList<ServiceStatus>> GetAllAsync(bool refresh, CancellationToken cancellationToken)
    {
        Task<IReadOnlyList<ServiceStatus>> run;
        lock (_gate)
        {
            var fresh = _snapshot is not null && time.GetElapsedTime(_takenAt) < TimeSpan.FromSeconds(resources.IntervalSec);
            if (fresh && !refresh)
            {
                return Live(_snapshot!);
            }
            run = _running ??= Task.Run(ProbeAllAsync);
        }
        return Live(await run.WaitAsync(cancellationToken));
    }

    /// <summary>The snapshot with the details that change between probe runs brought up to date (<see cref="ILiveServiceProbe"/>).</summary>
    private IReadOnlyList<ServiceStatus> Live(IReadOnlyList<ServiceStatus> snapshot)
    {
        var live = probes.OfType<ILiveServiceProbe>().ToList();
        return live.Count == 0 ? snapshot : [.. snapshot.Select(s => live.Aggregate(s, (status, probe) => probe.WithLiveDetails(status)))];
    }

    public async Task<ServiceStatus?> GetAsync(string id, bool refresh, CancellationToken cancellationToken) =>
        (await GetAllAsync(refresh, cancellationToken)).FirstOrDefault(s => string.Equals(s.Id, id, StringComparison.Ordinal));

    public async Task<bool> IsProviderAvailableAsync(string provider, CancellationToken cancellationToken)
    {
        if (provider == ProviderNames.Simulated)
        {
            return true;
        }
        var prefix = provider switch
        {
            ProviderNames.Anthropic => ProviderProbes.AnthropicId,
            ProviderNames.OpenAI => ProviderProbes.OpenAIId,
            _ => ProviderProbes.OllamaPrefix,
        };
        var all = await LatestAsync(cancellationToken);
        return all.Any(s => s.Id.StartsWith(prefix, StringComparison.Ordinal) && s.Status is ServiceStatus.Online or ServiceStatus.Degraded);
    }

    /// <summary>The last snapshot even when stale (a stale one is refreshed in the background), so a task about to
    /// start never waits for a probe run; only the very first call waits for one.</summary>
    private async Task<IReadOnlyList<ServiceStatus>> LatestAsync(CancellationToken cancellationToken)
    {
        Task<IReadOnlyList<ServiceStatus>> run;
        lock (_gate)
        {
            if (_snapshot is { } snapshot)
            {
                if (time.GetElapsedTime(_takenAt) >= TimeSpan.FromSeconds(resources.IntervalSec))
                {
                    _running ??= Task.Run(ProbeAllAsync);
                }
                return snapshot;
            }
            run = _running ??= Task.Run(ProbeAllAsync);
        }
        return await run.WaitAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<ServiceStatus>> ProbeAllAsync()
    {
        try
        {
            // NOTE: a probe run is shared by every waiting caller, so no single caller's token may cancel it;
            // each probe bounds itself with its own timeout.
            var results = await Task.WhenAll(probes.Select(p => p.ProbeAsync(CancellationToken.None)));
            var snapshot = results.SelectMany(r => r).ToList();
            lock (_gate)
            {
                _snapshot = snapshot;
                _takenAt = time.GetTimestamp();
            }
            return snapshot;
        }
        finally
        {
            lock (_gate)
            {
                _running = null;
            }
        }
    }
}
