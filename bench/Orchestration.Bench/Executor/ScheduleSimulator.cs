using Orchestration.Core.Graph;
using Orchestration.Engine.Execution;

namespace Orchestration.Bench.Executor;

/// <summary>
/// Makespans computed on a simulated clock (no I/O): the ideal list schedule (a free worker takes the ready task with
/// the longest remaining critical path at once, zero overhead; the same priority rule as the executor, which knows
/// complexities, not latencies) and the baseline policy of the original product (every 2 s, dispatch the ready tasks
/// of the lowest unfinished wave to free workers).
/// </summary>
internal static class ScheduleSimulator
{
    public static double IdealMakespan(BenchDag dag, int workers)
    {
        var priority = DagAnalysis.Analyze(dag.DependsOn, [.. dag.Complexity.Select(TaskLanes.WeightOf)]).CriticalPath;
        var remainingDeps = dag.DependsOn.Select(d => d.Length).ToArray();
        var dependants = DagAnalysis.Analyze(dag.DependsOn).Dependants;
        var ready = new PriorityQueue<int, (double, int)>();
        for (var i = 0; i < dag.Count; i++)
        {
            if (remainingDeps[i] == 0)
            {
                ready.Enqueue(i, (-priority[i], i));
            }
        }
        var running = new PriorityQueue<int, double>();
        var now = 0.0;
        var done = 0;
        while (done < dag.Count)
        {
            while (running.Count < workers && ready.TryDequeue(out var task, out _))
            {
                running.Enqueue(task, now + dag.Latency[task].TotalSeconds);
            }
            running.TryDequeue(out var finished, out var at);
            now = at;
            done++;
            foreach (var d in dependants[finished])
            {
                if (--remainingDeps[d] == 0)
                {
                    ready.Enqueue(d, (-priority[d], d));
                }
            }
        }
        return now;
    }

    /// <summary>The baseline's makespan, and the delay from each completion to the dispatch of a task it unblocked.</summary>
    public static (double Makespan, double MeanEdgeLatency) PolledWaveMakespan(BenchDag dag, int workers, double tick = 2.0)
    {
        var waves = dag.Waves();
        var finishedAt = new double?[dag.Count];
        var started = new bool[dag.Count];
        var running = new List<(int Task, double End)>();
        var edgeDelays = new List<double>();
        var now = 0.0;
        var done = 0;
        while (done < dag.Count)
        {
            foreach (var r in running.Where(r => r.End <= now).ToList())
            {
                finishedAt[r.Task] = r.End;
                running.Remove(r);
                done++;
            }
            var wave = Enumerable.Range(0, dag.Count).Where(i => finishedAt[i] is null).Select(i => waves[i]).DefaultIfEmpty(int.MaxValue).Min();
            var candidates = Enumerable.Range(0, dag.Count)
                .Where(i => !started[i] && waves[i] == wave && dag.DependsOn[i].All(d => finishedAt[d] is not null));
            foreach (var task in candidates.Take(workers - running.Count).ToList())
            {
                started[task] = true;
                running.Add((task, now + dag.Latency[task].TotalSeconds));
                if (dag.DependsOn[task].Length > 0)
                {
                    edgeDelays.Add(now - dag.DependsOn[task].Max(d => finishedAt[d]!.Value));
                }
            }
            if (done < dag.Count)
            {
                now += tick;
            }
        }
        var makespan = Enumerable.Range(0, dag.Count).Max(i => finishedAt[i]!.Value);
        return (makespan, edgeDelays.Count == 0 ? 0 : edgeDelays.Average());
    }
}
