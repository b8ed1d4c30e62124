using System.Text.Json.Nodes;
using Orchestration.Core.Domain;
using Orchestration.Core.Planning;

namespace Orchestration.Core.Tests.Planning;

public sealed class PlanDecomposerTests
{
    [Fact]
    public void Waves_phases_tools_and_tiers_come_from_the_plan()
    {
        var plan = PlanCorpus.ParseAndValidate(PlanCorpus.Read("valid_l3.json")).Plan!;
        var graph = PlanDecomposer.Decompose(plan, t => t.ModelTier ?? ModelTier.Haiku);
        Assert.Equal([0, 0, 1, 2, 3], graph.Tasks.Select(t => t.Wave));
        Assert.Equal(4, graph.TotalWaves);
        Assert.Equal(["Prepare", "Prepare", "Migrate", "Migrate", "Migrate"], graph.Tasks.Select(t => t.Phase));
        Assert.Equal(ModelTier.Sonnet, graph.Tasks[1].ModelTier);
        Assert.Equal(900, graph.Tasks[1].Priority);
        Assert.Equal(PlanDecomposer.DefaultPriority, graph.Tasks[0].Priority);
        Assert.Equal(DefaultTools.For("research"), graph.Tasks[0].Tools);
        Assert.Equal(["write_file"], graph.Tasks[4].Tools);
    }

    /// <summary>Property: for random DAGs written as plans, every edge goes from a lower wave to a higher one,
    /// and a task's wave is exactly one more than its deepest dependency.</summary>
    [Fact]
    public void Waves_respect_every_edge_of_random_dags()
    {
        var random = new Random(20_240_611);
        for (var round = 0; round < 300; round++)
        {
            var n = 1 + random.Next(40);
            var plan = RandomPlan(random, n, phases: random.Next(1, 4));
            var validated = PlanValidator.Validate(JsonNode.Parse(plan));
            Assert.True(validated.IsValid, validated.Summary);
            var graph = PlanDecomposer.Decompose(validated.Plan!, _ => ModelTier.Haiku);
            foreach (var task in graph.Tasks)
            {
                var expected = task.DependsOn.Count == 0 ? 0 : task.DependsOn.Max(d => graph.Tasks[d].Wave) + 1;
                Assert.Equal(expected, task.Wave);
                Assert.All(task.DependsOn, d => Assert.True(graph.Tasks[d].Wave < task.Wave));
            }
            Assert.Equal(graph.Tasks.Max(t => t.Wave) + 1, graph.TotalWaves);
        }
    }

    /// <summary>A random DAG over a random permutation (so dependencies point forwards and backwards across phases).</summary>
    internal static string RandomPlan(Random random, int n, int phases)
    {
        var order = Enumerable.Range(0, n).OrderBy(_ => random.Next()).ToArray();   // order[k] = index of the k-th node in topological order
        var deps = Enumerable.Range(0, n).Select(_ => new List<int>()).ToArray();
        for (var k = 1; k < n; k++)
        {
            for (var j = 0; j < k; j++)
            {
                if (random.NextDouble() < 0.15)
                {
                    deps[order[k]].Add(order[j]);
                }
            }
        }
        string Task(int i) =>
            $$"""{"title": "T{{i}}", "description": "d", "task_type": "code", "complexity": "medium", "depends_on": [{{string.Join(",", deps[i])}}]}""";
        var perPhase = (n + phases - 1) / phases;
        var phaseJson = Enumerable.Range(0, phases)
            .Select(p => Enumerable.Range(p * perPhase, Math.Max(0, Math.Min(perPhase, n - p * perPhase))))
            .Select((ids, p) => $$"""{"name": "P{{p}}", "tasks": [{{string.Join(",", ids.Select(Task))}}]}""");
        return $$"""{"summary": "random", "phases": [{{string.Join(",", phaseJson)}}]}""";
    }
}
