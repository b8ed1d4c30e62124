using Orchestration.Engine.Events;
using Orchestration.Storage.Events;

namespace Orchestration.Engine.Tests.Execution;

/// <summary>Collects a project's live events and lets a test wait for one without sleeping.</summary>
internal sealed class EventRecorder : IDisposable
{
    private readonly EventSubscription _subscription;
    private readonly List<StoredEvent> _events = [];
    private readonly Task _pump;

    public EventRecorder(IEventBus bus, string projectId)
    {
        _subscription = bus.Subscribe(projectId);
        _pump = Task.Run(async () =>
        {
            await foreach (var e in _subscription.Reader.ReadAllAsync())
            {
                lock (_events)
                {
                    _events.Add(e.Event);
                    Monitor.PulseAll(_events);
                }
                Changed?.Invoke();
            }
        });
    }

    private event Action? Changed;

    public IReadOnlyList<StoredEvent> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public IReadOnlyList<string> Types => Events.Select(e => e.Type).ToList();

    /// <summary>Completes when an event matching <paramref name="match"/> arrived (already or later); fails after 20 s.</summary>
    public async Task<StoredEvent> WaitForAsync(Func<StoredEvent, bool> match)
    {
        var arrived = new TaskCompletionSource<StoredEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check()
        {
            if (Events.FirstOrDefault(match) is { } e)
            {
                arrived.TrySetResult(e);
            }
        }
        Changed += Check;
        try
        {
            Check();
            return await arrived.Task.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        }
        finally
        {
            Changed -= Check;
        }
    }

    public Task<StoredEvent> WaitForAsync(string type, string? taskId = null) =>
        WaitForAsync(e => e.Type == type && (taskId is null || e.TaskId == taskId));

    public void Dispose()
    {
        _subscription.Dispose();
        _pump.Wait(TimeSpan.FromSeconds(5));
    }
}
