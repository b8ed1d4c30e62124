using Orchestration.Core.Domain;
using Orchestration.Core.Graph;
using static Orchestration.Core.Domain.TaskItemStatus;

namespace Orchestration.Core.Scheduling;

/// <summary>
/// One project's graph (immutable shape) and the live status of its tasks. Owned by <see cref="DagScheduler"/>;
/// not thread-safe.
/// </summary>
internal sealed class ProjectSchedule
{
    private readonly Dictionary<string, int> _indexOf;
    private readonly int[][] _waveMembers;
    private readonly bool _spread;

    public ProjectSchedule(string projectId, IReadOnlyList<ScheduledTask> tasks, bool spread = false)
    {
        _spread = spread;
        ProjectId = projectId;
        _indexOf = new Dictionary<string, int>(tasks.Count, StringComparer.Ordinal);
        for (var i = 0; i < tasks.Count; i++)
        {
            _indexOf[tasks[i].Id] = i;
        }
        // Dependencies outside this task set (e.g. history of an earlier plan) do not gate the run.
        var dependsOn = tasks
            .Select(t => (IReadOnlyList<int>)t.DependsOn.Where(_indexOf.ContainsKey).Select(d => _indexOf[d]).Distinct().ToArray())
            .ToArray();
        var analysis = DagAnalysis.Analyze(dependsOn, tasks.Select(t => t.Weight).ToArray());
        Nodes = new Node[tasks.Count];
        for (var i = 0; i < tasks.Count; i++)
        {
            var t = tasks[i];
            Nodes[i] = new Node(t.Id, [.. dependsOn[i]], [.. analysis.Dependants[i]], analysis.CriticalPath[i],
                t.Priority, t.Index, (int)Math.Max(0, t.Wave), t.Lane, t.Paid)
            {
                Status = t.Status,
                NotBefore = t.NotBefore,
            };
        }
        Topological = [.. analysis.TopologicalOrder];
        var waveCount = Nodes.Length == 0 ? 0 : Nodes.Max(n => n.Wave) + 1;
        _waveMembers = new int[waveCount][];
        var byWave = Enumerable.Range(0, Nodes.Length).ToLookup(i => Nodes[i].Wave);
        for (var w = 0; w < waveCount; w++)
        {
            _waveMembers[w] = [.. byWave[w]];
        }
        Ready = new SortedSet<int>(Comparer<int>.Create(CompareReady));
        Normalise();
    }

    public string ProjectId { get; }
    public Node[] Nodes { get; }
    public int[] Topological { get; }
    public bool Paused { get; set; }

    /// <summary>Tasks are run by external workers (execution_mode external): none is dispatched here.</summary>
    public bool ExternalOnly { get; set; }

    /// <summary>Which queued tasks may not start because a budget cap is exhausted.</summary>
    public BudgetHold Hold { get; set; }
    public int InFlight { get; set; }

    /// <summary>Queued tasks that may start now, best first.</summary>
    public SortedSet<int> Ready { get; }

    /// <summary>Queued tasks waiting out a retry delay, earliest first (entries are re-checked when taken).</summary>
    public PriorityQueue<int, double> Delayed { get; } = new();

    public bool TryIndexOf(string taskId, out int index) => _indexOf.TryGetValue(taskId, out index);

    /// <summary>Longest remaining critical path first, then priority (higher first), then plan order (with
    /// <see cref="DagScheduler.SpreadTies"/>, first an order of this process's own among equals).</summary>
    private int CompareReady(int a, int b)
    {
        var x = Nodes[a];
        var y = Nodes[b];
        var c = y.CriticalPath.CompareTo(x.CriticalPath);
        if (c == 0)
        {
            c = y.Priority.CompareTo(x.Priority);
        }
        if (c == 0 && _spread)
        {
            // string hashes are seeded per process: each node walks equally good tasks in a different order.
            c = x.Id.GetHashCode(StringComparison.Ordinal).CompareTo(y.Id.GetHashCode(StringComparison.Ordinal));
        }
        if (c == 0)
        {
            c = x.Index.CompareTo(y.Index);
        }
        return c != 0 ? c : string.CompareOrdinal(x.Id, y.Id);
    }

    /// <summary>Applies <see cref="TaskReadiness"/> in topological order, then files queued tasks as ready or delayed.</summary>
    private void Normalise()
    {
        foreach (var i in Topological)
        {
            var node = Nodes[i];
            node.Status = TaskReadiness.Derive(node.Status, node.DependsOn.Select(d => Nodes[d].Status));
        }
        foreach (var i in Topological.Where(i => Nodes[i].Status is Queued))
        {
            Enqueue(i);
        }
    }

    public void Enqueue(int index)
    {
        var node = Nodes[index];
        node.Status = Queued;
        if (node.NotBefore is { } notBefore)
        {
            Delayed.Enqueue(index, notBefore);
        }
        else
        {
            Ready.Add(index);
        }
    }

    /// <summary>Moves delayed tasks whose time has come into the ready set.</summary>
    public void PromoteDue(double now)
    {
        while (Delayed.TryPeek(out var index, out var at) && at <= now)
        {
            Delayed.Dequeue();
            var node = Nodes[index];
            if (node.Status is Queued && node.NotBefore == at)
            {
                node.NotBefore = null;
                Ready.Add(index);
            }
        }
    }

    /// <summary>The earliest pending retry time, skipping stale entries.</summary>
    public double? NextDue()
    {
        while (Delayed.TryPeek(out var index, out var at))
        {
            var node = Nodes[index];
            if (node.Status is Queued && node.NotBefore == at)
            {
                return at;
            }
            Delayed.Dequeue();
        }
        return null;
    }

    public IReadOnlyList<string> Complete(int index, out long? waveFinished)
    {
        var node = Nodes[index];
        node.Status = Completed;
        node.NotBefore = null;
        waveFinished = _waveMembers[node.Wave].All(m => Nodes[m].Status is Completed) && HasWorkAfterWave(node.Wave) ? node.Wave : null;
        var ready = new List<string>();
        foreach (var d in node.Dependants)
        {
            var dependant = Nodes[d];
            if (dependant.Status is Pending && TaskReadiness.Derive(Pending, dependant.DependsOn.Select(x => Nodes[x].Status)) is Queued)
            {
                Enqueue(d);
                ready.Add(dependant.Id);
            }
        }
        return ready;
    }

    /// <summary>Sets a final non-success status and blocks every waiting task downstream of it.</summary>
    public IReadOnlyList<string> Stop(int index, TaskItemStatus status)
    {
        Nodes[index].Status = status;
        Nodes[index].NotBefore = null;
        Ready.Remove(index);
        var blocked = new List<string>();
        var stack = new Stack<int>(Nodes[index].Dependants);
        while (stack.Count > 0)
        {
            var d = stack.Pop();
            var dependant = Nodes[d];
            if (dependant.Status is Pending or Queued)
            {
                Ready.Remove(d);
                dependant.Status = Blocked;
                blocked.Add(dependant.Id);
                foreach (var next in dependant.Dependants)
                {
                    stack.Push(next);
                }
            }
        }
        return blocked;
    }

    private bool HasWorkAfterWave(int wave) =>
        Nodes.Any(n => n.Wave > wave && n.Status is not (Completed or Cancelled));

    public int Count(TaskItemStatus status) => Nodes.Count(n => n.Status == status);

    /// <summary>Whether the node may not start because of <see cref="Hold"/>.</summary>
    public bool IsHeld(Node node) => Hold == BudgetHold.All || (Hold == BudgetHold.Paid && node.Paid);

    internal sealed class Node(string id, int[] dependsOn, int[] dependants, double criticalPath, long priority, long index, int wave, string lane,
        bool paid)
    {
        public string Id { get; } = id;
        public int[] DependsOn { get; } = dependsOn;
        public int[] Dependants { get; } = dependants;
        public double CriticalPath { get; } = criticalPath;
        public long Priority { get; } = priority;
        public long Index { get; } = index;
        public int Wave { get; } = wave;
        public string Lane { get; } = lane;
        public bool Paid { get; } = paid;
        public TaskItemStatus Status { get; set; }
        public double? NotBefore { get; set; }
    }
}
