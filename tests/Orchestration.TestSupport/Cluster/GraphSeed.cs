using System.Data.Common;
using Dapper;
using Orchestration.Core.Domain;

namespace Orchestration.TestSupport.Cluster;

/// <summary>Gives a project (created through the API) an approved plan of any size straight in its database (SQL both
/// backends read alike): plans written by hand or by the planner stop at 200 tasks, and runs of a thousand are what
/// several nodes are for.</summary>
public static class GraphSeed
{
    /// <summary>Layers of <paramref name="width"/> tasks; each task after the first layer depends on one or two tasks of
    /// the layer before (width = count: all independent). The project is left ready to execute.</summary>
    public static async Task<IReadOnlyList<string>> LayersAsync(DbConnection c, string projectId, int count, int width,
        CancellationToken cancellationToken)
    {
        var plan = Ids.New();
        var ids = Enumerable.Range(0, count).Select(_ => Ids.New()).ToArray();
        await using var tx = await c.BeginTransactionAsync(cancellationToken);
        await c.ExecuteAsync("UPDATE projects SET status = 'ready' WHERE id = @projectId", new { projectId }, tx);
        await c.ExecuteAsync(
            "INSERT INTO plans (id, project_id, version, status, plan_json, created_at) VALUES (@plan, @projectId, 1, 'approved', '{}', 0)",
            new { plan, projectId }, tx);
        await c.ExecuteAsync(
            """
            INSERT INTO tasks (id, project_id, plan_id, task_index, title, description, task_type, complexity, status, model_tier, wave, created_at, updated_at)
            VALUES (@Id, @projectId, @plan, @Index, @Title, @Description, 'code', 'simple', 'pending', 'haiku', @Wave, 0, 0)
            """,
            ids.Select((id, i) => new { Id = id, projectId, plan, Index = i, Title = $"Task {i}", Description = $"Write part {i} of the tool.", Wave = i / width }),
            tx);
        var edges = new List<(string TaskId, string DependsOnId)>();
        for (var i = width; i < count; i++)
        {
            var layer = i / width * width - width;
            edges.Add((ids[i], ids[layer + i % width]));
            if (i % 3 == 0)
            {
                edges.Add((ids[i], ids[layer + (i + 1) % width]));
            }
        }
        await c.ExecuteAsync("INSERT INTO task_dependencies (task_id, depends_on_id) VALUES (@TaskId, @DependsOnId)",
            edges.Select(e => new { e.TaskId, e.DependsOnId }), tx);
        await tx.CommitAsync(cancellationToken);
        return ids;
    }
}
