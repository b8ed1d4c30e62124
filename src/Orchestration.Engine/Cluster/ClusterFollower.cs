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
/// (<see cref="IEventFeed"/>: project, seq, type, task, writer) tells this node's executor what changed, and when someone
/// here follows the project the event is read back from the log and published on this node's bus, so SSE subscribers
/// here see every event of their project (EventStream drops duplicates and fills gaps from the log, so arrival order does
/// not matter). For the executor: a task started or completed elsewhere is applied to its
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
        EventTypes.TaskContext, EventTypes.ToolCall, EventTypes.KnowledgeExtracted, EventTypes.KnowledgeProposed, EventTypes.KnowledgeAccepted,
        EventTypes.KnowledgeRejected, EventTypes.TaskFallback,
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
        // Per project: the seqs to read back from the log, and whether they are known events of other nodes (published
        // only when someone here follows the project; the executor already heard of them) or missed ones (unknown).
        var reads = new Dictionary<string, (long From, long To, HashSet<long> Remote, bool Missed)>(StringComparer.Ordinal);
        var stale = new HashSet<string>(StringComparer.Ordinal);
        var resync = false;
        foreach (var notice in batch)
        {
            if (notice.IsResync)
            {
                resync = true;
                continue;
            }
            var projectId = notice.ProjectId;
            var seen = _seen.TryGetValue(projectId, out var s) ? s : notice.Seq - 1;
            if (notice.Seq <= seen)
            {
                continue;
            }
            if (notice.Seq > seen + 1)
            {
                AddRead(reads, projectId, seen + 1, notice.Seq - 1, missed: true);
            }
            _seen[projectId] = notice.Seq;
            if (notice.Writer == node.Id)
            {
                continue;
            }
            Tell(projectId, notice.Type, notice.TaskId, stale);
            if (bus.HasSubscribers(projectId))
            {
                AddRead(reads, projectId, notice.Seq, notice.Seq, missed: false);
            }
        }
        if (resync)
        {
            var latest = await feed.LatestSeqAsync(_seen.Keys.ToList(), cancellationToken);
            foreach (var (projectId, seq) in latest)
            {
                if (seq > _seen[projectId])
                {
                    AddRead(reads, projectId, _seen[projectId] + 1, seq, missed: true);
                    _seen[projectId] = seq;
                }
            }
            // A project another node started while notices were lost: this node helps run it too.
            foreach (var projectId in await runs.ExecutingProjectIdsAsync(cancellationToken))
            {
                stale.Add(projectId);
            }
        }
        foreach (var (projectId, read) in reads)
        {
            await ReadBackAsync(projectId, read.From, read.To, read.Remote, read.Missed, stale, cancellationToken);
        }
        foreach (var projectId in stale)
        {
            engine.Post(new ProjectStale(projectId));
        }
    }

    private static void AddRead(Dictionary<string, (long From, long To, HashSet<long> Remote, bool Missed)> reads, string projectId,
        long from, long to, bool missed)
    {
        var read = reads.TryGetValue(projectId, out var existing) ? existing : (From: from, To: to, Remote: new HashSet<long>(), Missed: false);
        for (var seq = from; seq <= to; seq++)
        {
            read.Remote.Add(seq);
        }
        reads[projectId] = read with { From = Math.Min(read.From, from), To = Math.Max(read.To, to), Missed = read.Missed || missed };
    }

    /// <summary>Publishes the project's events in [from, to] that are in <paramref name="wanted"/>; missed ones (no notice
    /// was seen for them) are also told to the executor.</summary>
    private async Task ReadBackAsync(string projectId, long from, long to, HashSet<long> wanted, bool missed, HashSet<string> stale,
        CancellationToken cancellationToken)
    {
        var after = from - 1;
        while (after < to)
        {
            var read = await events.ReadAfterAsync(projectId, after, ReadBatch, cancellationToken);
            var remote = read.Where(e => e.Seq <= to && wanted.Contains(e.Seq)).ToList();
            bus.Publish(remote);
            if (missed)
            {
                // Whose they were is not known: the executor re-reads the project, which is right either way.
                stale.Add(projectId);
            }
            if (read.Count < ReadBatch)
            {
                break;
            }
            after = read[^1].Seq;
        }
    }

    /// <summary>What another node's event means for this node's executor.</summary>
    private void Tell(string projectId, string type, string? taskId, HashSet<string> stale)
    {
        switch (type)
        {
            case EventTypes.ProjectCancelled:
                engine.Post(new ProjectStopped(projectId, Cancelled: true));
                break;
            case EventTypes.ProjectPaused:
                engine.Post(new ProjectStopped(projectId, Cancelled: false));
                break;
            case EventTypes.TaskCancelled when taskId is not null:
                engine.Post(new TaskCancelled(projectId, taskId));
                break;
            // The two events of every task, applied as they are: no read of the project per event.
            case EventTypes.TaskStart when taskId is not null:
                engine.Post(new RanElsewhere(projectId, taskId, Completed: false));
                break;
            case EventTypes.TaskComplete when taskId is not null:
                engine.Post(new RanElsewhere(projectId, taskId, Completed: true));
                break;
            default:
                if (!Informational.Contains(type))
                {
                    stale.Add(projectId);
                }
                break;
        }
    }

    [LoggerMessage(EventId = 6902, Level = LogLevel.Warning, Message = "Reading other nodes' events failed; the next notice or sweep retries")]
    private static partial void LogFollowFailed(ILogger logger, Exception exception);
}
