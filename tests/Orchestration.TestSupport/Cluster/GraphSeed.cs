using Dapper;
using Npgsql;
using Orchestration.Core.Domain;

namespace Orchestration.TestSupport.Cluster;

/// <summary>Gives a project (created through the API) an approved plan of any size straight in a PostgreSQL database:
/// plans written by hand or by the planner stop at 200 tasks, and runs of a thousand are what several nodes are for.</summary>
public static class GraphSeed
{
    /// <summary>Layers of <paramref name="width"/> tasks; each task after the first layer depends on one or two tasks of
    /// the layer before. The project is left ready to execute.</summary>
    public static async Task<IReadOnlyList<string>> LayersAsync(string connectionString, string projectId, int count, int width,
        CancellationToken cancellationToken)
    {
        var plan = Ids.New();
        var ids = Enumerable.Range(0, count).Select(_ => Ids.New()).ToArray();
        await using var c = new NpgsqlConnection(connectionString);
        await c.OpenAsync(cancellationToken);
        await using var tx = await c.BeginTransactionAsync(cancellationToken);
        await c.ExecuteAsync("UPDATE projects SET status = 'ready' WHERE id = @projectId", new { projectId }, tx);
        await c.ExecuteAsync(
            "INSERT INTO plans (id, project_id, version, status, plan_json, created_at) VALUES (@plan, @projectId, 1, 'approved', '{}', 0)",
            new { plan, projectId }, tx);
        await c.ExecuteAsync(
            """
            INSERT INTO tasks (id, project_id, plan_id, task_index, title, description, task_type, complexity, status, model_tier, wave, created_at, updated_at)
            SELECT id, @projectId, @plan, i, 'Task ' || i, 'Write part ' || i || ' of the tool.', 'code', 'simple', 'pending', 'haiku', i / @width, 0, 0
            FROM unnest(@ids) WITH ORDINALITY AS x(id, n), LATERAL (SELECT (n - 1)::int AS i) AS idx
            """, new { projectId, plan, ids, width }, tx);
        var edges = new List<(string, string)>();
        for (var i = width; i < count; i++)
        {
            var layer = i / width * width - width;
            edges.Add((ids[i], ids[layer + i % width]));
            if (i % 3 == 0)
            {
                edges.Add((ids[i], ids[layer + (i + 1) % width]));
            }
        }
        await c.ExecuteAsync(
            "INSERT INTO task_dependencies (task_id, depends_on_id) SELECT * FROM unnest(@from, @to)",
            new { from = edges.Select(e => e.Item1).ToArray(), to = edges.Select(e => e.Item2).ToArray() }, tx);
        await tx.CommitAsync(cancellationToken);
        return ids;
    }
}
