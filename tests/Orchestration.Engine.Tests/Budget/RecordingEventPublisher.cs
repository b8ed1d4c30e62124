using Orchestration.Core.Events;
using System.Collections.Concurrent;
using Orchestration.Engine.Events;

namespace Orchestration.Engine.Tests.Budget;

/// <summary>Keeps what was published; <see cref="Fail"/> makes it throw like a broken event store.</summary>
internal sealed class RecordingEventPublisher : IEventPublisher
{
    private readonly ConcurrentQueue<NewEvent> _events = new();
    private long _seq;

    public bool Fail { get; set; }

    public IReadOnlyList<NewEvent> Events => [.. _events];

    public IReadOnlyList<NewEvent> Warnings(string level) =>
        [.. _events.Where(e => e.Type == "budget_warning" && Equals(e.Data?["level"], level))];

    public Task<long> PublishAsync(NewEvent projectEvent, CancellationToken cancellationToken)
    {
        if (Fail)
        {
            throw new InvalidOperationException("event store unavailable");
        }
        _events.Enqueue(projectEvent);
        return Task.FromResult(Interlocked.Increment(ref _seq));
    }
}
