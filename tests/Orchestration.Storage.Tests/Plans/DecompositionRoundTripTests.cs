using System.Text.Json.Nodes;
using Orchestration.Core.Domain;
using Orchestration.Core.Planning;
using Orchestration.Storage.Tests.Infrastructure;

namespace Orchestration.Storage.Tests.Plans;

/// <summary>Property: for random DAGs, the stored task graph is the plan's graph, and waves respect every stored edge.</summary>
public sealed class DecompositionRoundTripTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => _db.InitializeAsync();

    public ValueTask DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task Random_task_graphs_round_trip_through_storage()
    {
        var owner = await _db.CreateUserAsync();
        var random = new Random(4242);
        for (var round = 0; round < 25; round++)
        {
            var project = await _db.CreateProjectAsync(owner);
            var n = 1 + random.Next(30);
            var plan = PlanValidator.Validate(JsonNode.Parse(RandomPlan(random, n)));
            Assert.True(plan.IsValid, plan.Summary);
            var stored = (await _db.Plans.CreateDraftAsync(owner, TestPlans.New(project.Id, plan.Plan!), false, Ct))!;
            var approval = TestPlans.Approval(owner, stored);
            var result = (await _db.Plans.ApproveAsync(approval, Ct))!;

            var tasks = (await _db.Tasks.ListAsync(owner, project.Id, new(), Ct))!.Items;
            Assert.Equal(n, tasks.Count);
            var indexOf = tasks.ToDictionary(t => t.Task.Id, t => (int)t.Task.TaskIndex);
            var waveOf = tasks.ToDictionary(t => t.Task.Id, t => t.Task.Wave);
            var planTasks = plan.Plan!.AllTasks();
            foreach (var task in tasks)
            {
                var index = (int)task.Task.TaskIndex;
                Assert.Equal(result.TaskIds[index], task.Task.Id);
                Assert.Equal(planTasks[index].Task.Title, task.Task.Title);
                Assert.Equal(planTasks[index].Phase, task.Task.Phase);
                Assert.Equal(planTasks[index].Task.DependsOn, task.DependsOn.Select(d => indexOf[d]).Order());
                Assert.All(task.DependsOn, d => Assert.True(waveOf[d] < task.Task.Wave));
                Assert.Equal(task.DependsOn.Count == 0 ? 0 : task.DependsOn.Max(d => waveOf[d]) + 1, task.Task.Wave);
            }
            Assert.Equal(tasks.Max(t => t.Task.Wave) + 1, result.TotalWaves);
        }
    }

    private static string RandomPlan(Random random, int n)
    {
        var order = Enumerable.Range(0, n).OrderBy(_ => random.Next()).ToArray();
        var deps = Enumerable.Range(0, n).Select(_ => new List<int>()).ToArray();
        for (var k = 1; k < n; k++)
        {
            for (var j = 0; j < k; j++)
            {
                if (random.NextDouble() < 0.2)
                {
                    deps[order[k]].Add(order[j]);
                }
            }
        }
        var tasks = Enumerable.Range(0, n).Select(i =>
            $$"""{"title": "T{{i}}", "description": "", "task_type": "code", "complexity": "simple", "depends_on": [{{string.Join(",", deps[i])}}]}""");
        var half = n / 2;
        return $$"""{"summary": "r", "phases": [{"name": "A", "tasks": [{{string.Join(",", tasks.Take(half))}}]}, {"name": "B", "tasks": [{{string.Join(",", tasks.Skip(half))}}]}]}""";
    }
}
