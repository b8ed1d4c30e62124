namespace Orchestration.Core.Graph;

/// <summary>
/// Facts about a task graph given as "node i depends on nodes dependsOn[i]" (0-based indexes).
/// Immutable; computed once. Waves are a view (longest-path depth from the roots); they never gate scheduling.
/// </summary>
public sealed class DagAnalysis
{
    private DagAnalysis(int[] topologicalOrder, int[] waves, double[] criticalPath, int[][] dependants)
    {
        TopologicalOrder = topologicalOrder;
        Waves = waves;
        CriticalPath = criticalPath;
        Dependants = dependants;
    }

    /// <summary>Nodes in an order where every node comes after all of its dependencies.</summary>
    public IReadOnlyList<int> TopologicalOrder { get; }

    /// <summary>wave[i] = 0 for a node with no dependencies, else 1 + the largest wave of its dependencies.</summary>
    public IReadOnlyList<int> Waves { get; }

    /// <summary>The total weight of the heaviest path from node i to the end of the graph, node i included.
    /// Scheduling the largest first minimises the makespan of list scheduling.</summary>
    public IReadOnlyList<double> CriticalPath { get; }

    /// <summary>dependants[i] = the nodes that depend on node i.</summary>
    public IReadOnlyList<IReadOnlyList<int>> Dependants { get; }

    public int WaveCount => Waves.Count == 0 ? 0 : Waves.Max() + 1;

    /// <summary>Analyses the graph; a dependency out of range, a self-dependency or a cycle throws <see cref="GraphException"/>.</summary>
    /// <param name="weights">Optional per-node weight for the critical path (e.g. expected duration); 1 each by default.</param>
    public static DagAnalysis Analyze(IReadOnlyList<IReadOnlyList<int>> dependsOn, IReadOnlyList<double>? weights = null)
    {
        var n = dependsOn.Count;
        var dependants = new List<int>[n];
        for (var i = 0; i < n; i++)
        {
            dependants[i] = [];
        }
        var indegree = new int[n];
        for (var i = 0; i < n; i++)
        {
            foreach (var d in dependsOn[i].Distinct())
            {
                if (d < 0 || d >= n)
                {
                    throw new GraphException($"Task {i} depends on {d}, which is not a task index (0–{n - 1}).", [i]);
                }
                if (d == i)
                {
                    throw new GraphException($"Task {i} depends on itself.", [i]);
                }
                dependants[d].Add(i);
                indegree[i]++;
            }
        }

        var order = new List<int>(n);
        var ready = new Queue<int>(Enumerable.Range(0, n).Where(i => indegree[i] == 0));
        var waves = new int[n];
        while (ready.Count > 0)
        {
            var node = ready.Dequeue();
            order.Add(node);
            foreach (var next in dependants[node])
            {
                waves[next] = Math.Max(waves[next], waves[node] + 1);
                if (--indegree[next] == 0)
                {
                    ready.Enqueue(next);
                }
            }
        }
        if (order.Count < n)
        {
            var cycle = FindCycle(dependsOn, indegree);
            throw new GraphException($"The dependencies form a cycle: {string.Join(" → ", cycle.Append(cycle[0]))}.", cycle);
        }

        var critical = new double[n];
        for (var k = n - 1; k >= 0; k--)
        {
            var node = order[k];
            var tail = dependants[node].Count == 0 ? 0 : dependants[node].Max(d => critical[d]);
            critical[node] = (weights?[node] ?? 1.0) + tail;
        }
        return new DagAnalysis([.. order], waves, critical, dependants.Select(d => d.ToArray()).ToArray());
    }

    /// <summary>Walks dependencies among the nodes left with a non-zero indegree until one repeats.</summary>
    private static int[] FindCycle(IReadOnlyList<IReadOnlyList<int>> dependsOn, int[] indegree)
    {
        var start = Array.FindIndex(indegree, d => d > 0);
        var seenAt = new Dictionary<int, int>();
        var path = new List<int>();
        var node = start;
        while (!seenAt.ContainsKey(node))
        {
            seenAt[node] = path.Count;
            path.Add(node);
            node = dependsOn[node].First(d => indegree[d] > 0);
        }
        // path[seenAt[node]..] is the cycle in "depends on" direction; report it in execution order.
        var cycle = path.Skip(seenAt[node]).ToArray();
        Array.Reverse(cycle);
        return cycle;
    }
}
