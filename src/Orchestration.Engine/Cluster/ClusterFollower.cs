using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestration.Core.Events;
using Orchestration.Engine.Events;
using Orchestration.Engine.Execution;
using Orchestration.Engine.Runs;
using Orchestration.Storage.Cluster;
using Orchestration.Storage.Events;

namespace Orchestration.Engine.Cluster;

/// <summary>
/// On a database shared by several nodes: brings other nodes' events to this one. Each notice of another node's event
/// (<see cref="IEventFeed"/>) is read back from the event log and published on this node's bus, so SSE subscribers here
/// see every event of their project (EventStream drops duplicates and fills gaps from the log, so arrival order does not
/// matter), and it tells this node's executor what changed: a task started or completed elsewhere is applied to its
/// scheduler as it stands, a pause or cancel stops local attempts, anything else that moves tasks makes it refresh the
/// project's statuses. A safety sweep every <see cref="SweepInterval"/> reads what
/// notices may have missed and picks up executing projects this node does not run yet.
/// </summary>
internal sealed partial class ClusterFollower(
    INodeRegistry registry, IServiceProvider services, IEventStore events, IEventBus bus, ExecutionEngine engine, NodeIdentity node,
    IRunStore runs, TimeProvider time, ILogger<ClusterFollower> logger) : BackgroundService
{
    private const int ReadBatch = 500;

    // What another node's event of these types changes is this node's business only for SSE: no task moved.
    private static readonly HashSet<string> Informational = new(StringComparer.Ordinal)
    {
        EventTypes.TaskContext, EventTypes.ToolCall, EventTypes.KnowledgeExtracted, EventTypes.TaskFallback,
        EventTypes.TaskWaiting, EventTypes.ProjectWaiting, EventTypes.Checkpoint, EventTypes.GitCommit, EventTypes.GitPush, EventTypes.GitError,
    };

    // The last seq of each project handled here (this node's own or read back).
    private readonly Dictionary<string, long> _seen = new(StringComparer.Ordinal);

    public static TimeSpan SweepInterval { get; } = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!registry.Shared || services.GetService(typeof(IEventFeed)) is not IEventFeed feed)
        {
            return;
        }
        var notices = Channel.CreateUnbounded<EventNotice>(new UnboundedChannelOptions { SingleReader = true });
        var listening = Task.Run(async () =>
        {
            await foreach (var notice in feed.ListenAsync(stoppingToken))
            {
                notices.Writer.TryWrite(notice);
            }
        }, stoppingToken);
        using var sweep = time.CreateTimer(_ => notices.Writer.TryWrite(EventNotice.Resync), null, SweepInterval, SweepInterval);
        try
        {
            var batch = new List<EventNotice>();
            while (await notices.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (notices.Reader.TryRead(out var notice))
                {
                    batch.Add(notice);
                }
                try
                {
                    await HandleAsync(feed, batch, stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    // The next notice or sweep reads from where this node got to.
                    LogFollowFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }
        try
        {
            await listening;
        }
        catch (OperationCanceledException)
        {
            // Shutdown.
        }
    }

    private async Task HandleAsync(IEventFeed feed, List<EventNotice> batch, CancellationToken cancellationToken)
    {
        // Per project: the span to read back, and which seqs in it this node wrote itself (already published here).
        var spans = new Dictionary<string, (long After, long UpTo, HashSet<long> Own)>(StringComparer.Ordinal);
        var resync = false;
        foreach (var notice in batch)
        {
            if (notice.IsResync)
            {
                resync = true;
                continue;
            }
            var seen = _seen.TryGetValue(notice.ProjectId, out var s) ? s : notice.Seq - 1;
            if (notice.Seq <= seen)
            {
                continue;
            }
            var own = notice.Writer == node.Id;
            if (own && notice.Seq == seen + 1 && !spans.ContainsKey(notice.ProjectId))
            {
                _seen[notice.ProjectId] = notice.Seq;
                continue;
            }
            var span = spans.TryGetValue(notice.ProjectId, out var existing) ? existing : (After: seen, UpTo: seen, Own: new HashSet<long>());
            if (own)
            {
                span.Own.Add(notice.Seq);
            }
            spans[notice.ProjectId] = span with { UpTo = notice.Seq };
            _seen[notice.ProjectId] = notice.Seq;
        }
        if (resync)
        {
            var latest = await feed.LatestSeqAsync(_seen.Keys.ToList(), cancellationToken);
            foreach (var (projectId, seq) in latest)
            {
                var seen = _seen[projectId];
                if (seq > seen)
                {
                    var span = spans.TryGetValue(projectId, out var existing) ? existing : (After: seen, UpTo: seen, Own: new HashSet<long>());
                    spans[projectId] = span with { UpTo = Math.Max(span.UpTo, seq) };
                    _seen[projectId] = Math.Max(seen, seq);
                }
            }
            // A project another node started while notices were lost: this node helps run it too.
            foreach (var projectId in await runs.ExecutingProjectIdsAsync(cancellationToken))
            {
                engine.Post(new ProjectStale(projectId));
            }
        }
        foreach (var (projectId, span) in spans)
        {
            await ReadBackAsync(projectId, span.After, span.UpTo, span.Own, cancellationToken);
        }
    }

    private async Task ReadBackAsync(string projectId, long after, long upTo, HashSet<long> own, CancellationToken cancellationToken)
    {
        var stale = false;
        while (after < upTo)
        {
            var read = await events.ReadAfterAsync(projectId, after, ReadBatch, cancellationToken);
            var remote = read.Where(e => e.Seq <= upTo && !own.Contains(e.Seq)).ToList();
            bus.Publish(remote);
            foreach (var e in remote)
            {
                switch (e.Type)
                {
                    case EventTypes.ProjectCancelled:
                        engine.Post(new ProjectStopped(projectId, Cancelled: true));
                        break;
                    case EventTypes.ProjectPaused:
                        engine.Post(new ProjectStopped(projectId, Cancelled: false));
                        break;
                    case EventTypes.TaskCancelled when e.TaskId is not null:
                        engine.Post(new TaskCancelled(projectId, e.TaskId));
                        break;
                    // The two events of every task, applied as they are: no read of the project per event.
                    case EventTypes.TaskStart when e.TaskId is not null:
                        engine.Post(new RanElsewhere(projectId, e.TaskId, Completed: false));
                        break;
                    case EventTypes.TaskComplete when e.TaskId is not null:
                        engine.Post(new RanElsewhere(projectId, e.TaskId, Completed: true));
                        break;
                    default:
                        stale |= !Informational.Contains(e.Type);
                        break;
                }
            }
            if (read.Count < ReadBatch)
            {
                break;
            }
            after = read[^1].Seq;
        }
        if (stale)
        {
            engine.Post(new ProjectStale(projectId));
        }
    }

    [LoggerMessage(EventId = 6902, Level = LogLevel.Warning, Message = "Reading other nodes' events failed; the next notice or sweep retries")]
    private static partial void LogFollowFailed(ILogger logger, Exception exception);
}
