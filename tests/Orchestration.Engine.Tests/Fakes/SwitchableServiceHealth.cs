using Orchestration.Engine.Health;

namespace Orchestration.Engine.Tests.Fakes;

/// <summary>Service health whose providers are switched on and off by the test (the probes have tests of their own).</summary>
internal sealed class SwitchableServiceHealth : IServiceHealth
{
    private readonly HashSet<string> _offline = new(StringComparer.Ordinal);
    private readonly List<(int Count, TaskCompletionSource Reached)> _waiters = [];
    private int _checks;

    public string DefaultProvider => "anthropic";

    public void SetOnline(string provider, bool online)
    {
        lock (_offline)
        {
            _ = online ? _offline.Remove(provider) : _offline.Add(provider);
        }
    }

    public Task<IReadOnlyList<ServiceStatus>> GetAllAsync(bool refresh, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ServiceStatus>>([]);

    public Task<ServiceStatus?> GetAsync(string id, bool refresh, CancellationToken cancellationToken) => Task.FromResult<ServiceStatus?>(null);

    /// <summary>Completes once availability has been asked <paramref name="count"/> times in all.</summary>
    public Task ChecksReachedAsync(int count)
    {
        lock (_offline)
        {
            if (_checks >= count)
            {
                return Task.CompletedTask;
            }
            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, reached));
            return reached.Task;
        }
    }

    public Task<bool> IsProviderAvailableAsync(string provider, CancellationToken cancellationToken)
    {
        lock (_offline)
        {
            _checks++;
            foreach (var waiter in _waiters.Where(w => w.Count <= _checks).ToList())
            {
                waiter.Reached.TrySetResult();
                _waiters.Remove(waiter);
            }
            return Task.FromResult(!_offline.Contains(provider));
        }
    }
}
