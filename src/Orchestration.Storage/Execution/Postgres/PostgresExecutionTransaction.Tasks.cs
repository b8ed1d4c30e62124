using Dapper;
using Orchestration.Core.Domain;
using Orchestration.Core.Lifecycle;
using Orchestration.Core.Scheduling;

namespace Orchestration.Storage.Execution.Postgres;

// The guarded task write and the graph slices readiness is derived from.
internal sealed partial class PostgresExecutionTransaction
{
    private static readonly string DependantsSql = SliceSql("SELECT task_id FROM task_dependencies WHERE depends_on_id = @taskId");

    private static readonly string DownstreamSql = SliceSql(
        """
        WITH RECURSIVE down(id) AS (
            SELECT task_id FROM task_dependencies WHERE depends_on_id = @taskId
            UNION
            SELECT d.task_id FROM task_dependencies d JOIN down ON d.depends_on_id = down.id
        )
        SELECT id FROM down
        """);

    private static readonly string SelfAndDownstreamSql = SliceSql(
        """
        WITH RECURSIVE down(id) AS (
            SELECT CAST(@taskId AS TEXT)
            UNION
            SELECT d.task_id FROM task_dependencies d JOIN down ON d.depends_on_id = down.id
        )
        SELECT id FROM down
        """);

    // Each slice task with its status, and each of its dependencies (of the same plan) with theirs.
    private static string SliceSql(string members) =>
        $"""
        SELECT t.id, t.status, d.depends_on_id, u.status AS dependency_status
        FROM tasks t
        LEFT JOIN task_dependencies d ON d.task_id = t.id
        LEFT JOIN tasks u ON u.id = d.depends_on_id AND u.plan_id = t.plan_id
        WHERE t.id IN ({members})
        """;

    public async Task<ReadinessSlice> SliceAsync(string taskId, SliceScope scope)
    {
        // NOTE: the project lock comes first, so the statuses read below include every commit before this transaction's.
        await LockProjectOfTaskAsync(taskId);
        var sql = scope switch
        {
            SliceScope.Dependants => DependantsSql,
            SliceScope.Downstream => DownstreamSql,
            _ => SelfAndDownstreamSql,
        };
        var rows = await c.QueryAsync<(string Id, string Status, string? DependsOnId, string? DependencyStatus)>(sql, new { taskId }, tx);
        var members = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var statuses = new Dictionary<string, TaskItemStatus>(StringComparer.Ordinal);
        foreach (var (id, status, dependsOnId, dependencyStatus) in rows)
        {
            statuses[id] = WireNames.Parse<TaskItemStatus>(status);
            var dependencies = members.TryGetValue(id, out var list) ? list : members[id] = [];
            if (dependsOnId is not null && dependencyStatus is not null)
            {
                dependencies.Add(dependsOnId);
                statuses.TryAdd(dependsOnId, WireNames.Parse<TaskItemStatus>(dependencyStatus));
            }
        }
        if (_projectOfTask.TryGetValue(taskId, out var projectId))
        {
            Remember(projectId, statuses.Keys);
        }
        return new ReadinessSlice(members.Select(m => new SliceTask(m.Key, m.Value)).ToList(), statuses);
    }

    public async Task<ExecutionTask?> UpdateTaskAsync(TaskUpdate u, double now)
    {
        await LockProjectOfTaskAsync(u.TaskId);
        var parameters = new DynamicParameters();
        foreach (var (name, value) in TaskUpdateSql.Parameters(u, now))
        {
            parameters.Add(name, value);
        }
        return await c.QuerySingleOrDefaultAsync<ExecutionTask>(TaskUpdateSql.For(u), parameters, tx);
    }
}
