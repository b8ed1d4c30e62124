using System.Diagnostics;
using Orchestration.Engine.Events;

namespace Orchestration.Bench.Executor;

/// <summary>
/// The executor's figures, each beside the baseline policy of the original product (poll every 2 s, dispatch wave by
/// wave) run on a simulated clock for the same workload. Figures are steady state (after warm-up runs), medians of
/// three runs where a run is short. Options: --chain N (200), --independent N (1000),
/// --dags N (3), --dag-size N (40), --workers N (4), --subscribers N (1000), --events N (300),
/// --only chain|independent|dags|sse (comma-separated; default all four).
/// </summary>
public static class ExecutorBench
{
    public static async Task<IReadOnlyList<BenchResult>> RunAsync(BenchArgs args)
    {
        var results = new List<BenchResult>();
        var workers = args.GetInt("workers", 4);
        var only = (args.Get("only") ?? "chain,independent,dags,sse").Split(',', StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        if (only.Except(["chain", "independent", "dags", "sse"]).FirstOrDefault() is { } unknown)
        {
            throw new ArgumentException($"--only takes chain, independent, dags or sse, not '{unknown}'.");
        }
        // Steady state: the JIT tiers code up over the first few thousand tasks, so each host warms up first, and each
        // figure is the median of three runs (the machine is shared; single runs are noisy).
        if (only.Contains("chain"))
        {
            await using var host = await ExecutorHost.StartAsync(workers);
            for (var i = 0; i < 10; i++)
            {
                await host.RunAsync(BenchDag.Chain(200));
            }
            results.AddRange(await ChainAsync(host, args.GetInt("chain", 200), workers));
        }
        if (only.Contains("independent"))
        {
            await using var host = await ExecutorHost.StartAsync(Math.Max(8, workers));
            for (var i = 0; i < 4; i++)
            {
                await host.RunAsync(BenchDag.Independent(1000));
            }
            results.AddRange(await IndependentAsync(host, args.GetInt("independent", 1000), Math.Max(8, workers)));
        }
        if (only.Contains("dags"))
        {
            await using var host = await ExecutorHost.StartAsync(workers);
            await host.RunAsync(BenchDag.Chain(200));
            results.AddRange(await RandomDagsAsync(host, args.GetInt("dags", 3), args.GetInt("dag-size", 40), workers));
        }
        if (only.Contains("sse"))
        {
            results.AddRange(await SseBench.RunAsync(args.GetInt("subscribers", 1000), args.GetInt("events", 300)));
        }
        return results;
    }

    private static async Task<IEnumerable<BenchResult>> ChainAsync(ExecutorHost host, int length, int workers)
    {
        var dag = BenchDag.Chain(length);
        var runs = new List<(TimeSpan Wall, List<PublishedEvent> Events)>();
        for (var i = 0; i < 3; i++)
        {
            runs.Add(await host.RunAsync(dag));
        }
        var (wall, events) = runs.OrderBy(r => r.Wall).ElementAt(1);
        // Per edge: from the publish of task i's completion to the publish of task i+1's start.
        var completedAt = events.Where(e => e.Event.Type == "task_complete").Select(e => e.PublishedAt).ToList();
        var startedAt = events.Where(e => e.Event.Type == "task_start").Select(e => e.PublishedAt).ToList();
        var edges = Enumerable.Range(1, startedAt.Count - 1).Select(i => Stopwatch.GetElapsedTime(completedAt[i - 1], startedAt[i]).TotalMilliseconds).Order().ToList();
        var baseline = ScheduleSimulator.PolledWaveMakespan(dag, workers);
        return
        [
            new($"executor.chain_{length}.wall_time", wall.TotalSeconds, "s", baseline.Makespan, "s"),
            new($"executor.chain_{length}.edge_dispatch_latency.mean", edges.Average(), "ms", baseline.MeanEdgeLatency * 1000, "ms"),
            new($"executor.chain_{length}.edge_dispatch_latency.p99", edges[(int)(edges.Count * 0.99)], "ms", baseline.MeanEdgeLatency * 1000, "ms"),
        ];
    }

    private static async Task<IEnumerable<BenchResult>> IndependentAsync(ExecutorHost host, int count, int workers)
    {
        var dag = BenchDag.Independent(count);
        var walls = new List<TimeSpan>();
        for (var i = 0; i < 3; i++)
        {
            walls.Add((await host.RunAsync(dag)).Wall);
        }
        var wall = walls.Order().ElementAt(1);
        var baseline = ScheduleSimulator.PolledWaveMakespan(dag, workers);
        return [new($"executor.independent_{count}.tasks_per_sec", count / wall.TotalSeconds, "tasks/s", count / baseline.Makespan, "tasks/s")];
    }

    private static async Task<IEnumerable<BenchResult>> RandomDagsAsync(ExecutorHost host, int dags, int size, int workers)
    {
        var random = new Random(20261125);
        var ratios = new List<double>();
        var baselineRatios = new List<double>();
        foreach (var _ in Enumerable.Range(0, dags))
        {
            var dag = BenchDag.Random(size, random);
            var ideal = ScheduleSimulator.IdealMakespan(dag, workers);
            var (wall, _) = await host.RunAsync(dag);
            ratios.Add(ideal / wall.TotalSeconds);
            baselineRatios.Add(ideal / ScheduleSimulator.PolledWaveMakespan(dag, workers).Makespan);
        }
        return
        [
            new($"executor.random_dags.ideal_over_makespan.mean", ratios.Average(), "ratio", baselineRatios.Average(), "ratio"),
            new($"executor.random_dags.ideal_over_makespan.worst", ratios.Min(), "ratio", baselineRatios.Min(), "ratio"),
        ];
    }
}
