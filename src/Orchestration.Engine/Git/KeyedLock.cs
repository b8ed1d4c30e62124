namespace Orchestration.Engine.Git;

/// <summary>One holder at a time per key; a key's semaphore lives only while someone holds or waits for it.</summary>
internal sealed class KeyedLock
{
    private readonly Dictionary<string, (SemaphoreSlim Gate, int Users)> _gates = new(StringComparer.Ordinal);

    public async Task<IDisposable> AcquireAsync(string key, CancellationToken cancellationToken)
    {
        SemaphoreSlim gate;
        lock (_gates)
        {
            gate = _gates.TryGetValue(key, out var entry) ? entry.Gate : new SemaphoreSlim(1, 1);
            _gates[key] = (gate, entry.Users + 1);
        }
        try
        {
            await gate.WaitAsync(cancellationToken);
        }
        catch
        {
            Leave(key);
            throw;
        }
        return new Release(this, key, gate);
    }

    /// <summary>How many keys are held or awaited (for tests).</summary>
    public int Count
    {
        get
        {
            lock (_gates)
            {
                return _gates.Count;
            }
        }
    }

    private void Leave(string key)
    {
        lock (_gates)
        {
            var (gate, users) = _gates[key];
            if (users == 1)
            {
                _gates.Remove(key);
                gate.Dispose();
            }
            else
            {
                _gates[key] = (gate, users - 1);
            }
        }
    }

    private sealed class Release(KeyedLock owner, string key, SemaphoreSlim gate) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                gate.Release();
                owner.Leave(key);
            }
        }
    }
}
