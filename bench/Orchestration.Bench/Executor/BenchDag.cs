namespace Orchestration.Bench.Executor;

/// <summary>A task graph for the benchmarks: task i depends on DependsOn[i]; Complexity[i] is simple|medium|complex;
/// Latency[i] is how long its model call takes.</summary>
internal sealed record BenchDag(int[][] DependsOn, string[] Complexity, TimeSpan[] Latency)
{
    public int Count => DependsOn.Length;

    public static BenchDag Chain(int length) => new(
        [.. Enumerable.Range(0, length).Select(i => i == 0 ? Array.Empty<int>() : [i - 1])],
        [.. Enumerable.Repeat("medium", length)], [.. Enumerable.Repeat(TimeSpan.Zero, length)]);

    public static BenchDag Independent(int count) => new(
        [.. Enumerable.Range(0, count).Select(_ => Array.Empty<int>())],
        [.. Enumerable.Repeat("medium", count)], [.. Enumerable.Repeat(TimeSpan.Zero, count)]);

    /// <summary>A random layered DAG: each task depends on up to three earlier ones; its latency follows its complexity
    /// (simple 100 ms, medium 200 ms, complex 400 ms, each ±20 %).</summary>
    public static BenchDag Random(int count, Random random)
    {
        string[] kinds = ["simple", "medium", "complex"];
        var deps = new int[count][];
        var complexity = new string[count];
        var latency = new TimeSpan[count];
        for (var i = 0; i < count; i++)
        {
            var fanIn = i == 0 ? 0 : random.Next(0, Math.Min(3, i) + 1);
            deps[i] = [.. Enumerable.Range(0, fanIn).Select(_ => random.Next(Math.Max(0, i - 12), i)).Distinct()];
            complexity[i] = kinds[random.Next(kinds.Length)];
            var baseMs = complexity[i] switch { "simple" => 100.0, "complex" => 400.0, _ => 200.0 };
            latency[i] = TimeSpan.FromMilliseconds(baseMs * (0.8 + (0.4 * random.NextDouble())));
        }
        return new BenchDag(deps, complexity, latency);
    }

    public int[] Waves()
    {
        var waves = new int[Count];
        for (var i = 0; i < Count; i++)
        {
            waves[i] = DependsOn[i].Length == 0 ? 0 : DependsOn[i].Max(d => waves[d]) + 1;
        }
        return waves;
    }
}
