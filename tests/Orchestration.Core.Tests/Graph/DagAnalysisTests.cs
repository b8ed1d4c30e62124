using Orchestration.Core.Graph;

namespace Orchestration.Core.Tests.Graph;

public sealed class DagAnalysisTests
{
    private static int[][] Deps(params int[][] deps) => deps;

    [Fact]
    public void Waves_are_longest_path_depths()
    {
        // 0 → 1 → 3, 0 → 2, 2 → 3 ; 4 alone
        var dag = DagAnalysis.Analyze(Deps([], [0], [0], [1, 2], []));
        Assert.Equal([0, 1, 1, 2, 0], dag.Waves);
        Assert.Equal(3, dag.WaveCount);
        Assert.Equal([3, 2, 2, 1, 1], dag.CriticalPath);
    }

    [Fact]
    public void Weights_drive_the_critical_path()
    {
        var dag = DagAnalysis.Analyze(Deps([], [0], [0]), [1, 5, 2]);
        Assert.Equal(6, dag.CriticalPath[0]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public void A_cycle_is_named_node_by_node(int length)
    {
        var deps = Enumerable.Range(0, length).Select(i => new[] { (i + length - 1) % length }).ToArray<IReadOnlyList<int>>();
        var ex = Assert.Throws<GraphException>(() => DagAnalysis.Analyze(deps));
        if (length == 1)
        {
            Assert.Contains("itself", ex.Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains("cycle", ex.Message, StringComparison.Ordinal);
            Assert.Equal(length, ex.Nodes.Count);
        }
    }

    [Fact]
    public void An_out_of_range_dependency_is_refused()
    {
        var ex = Assert.Throws<GraphException>(() => DagAnalysis.Analyze(Deps([], [7])));
        Assert.Contains("7", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_dags_respect_every_edge()
    {
        var random = new Random(1234);
        for (var round = 0; round < 200; round++)
        {
            var n = random.Next(1, 60);
            var deps = Enumerable.Range(0, n)
                .Select(i => (IReadOnlyList<int>)Enumerable.Range(0, i).Where(_ => random.NextDouble() < 0.1).ToArray())
                .ToArray();
            var dag = DagAnalysis.Analyze(deps);
            var position = new int[n];
            for (var k = 0; k < n; k++)
            {
                position[dag.TopologicalOrder[k]] = k;
            }
            for (var i = 0; i < n; i++)
            {
                foreach (var d in deps[i])
                {
                    Assert.True(dag.Waves[i] > dag.Waves[d]);
                    Assert.True(position[i] > position[d]);
                    Assert.True(dag.CriticalPath[d] > dag.CriticalPath[i]);
                }
            }
        }
    }
}
