using Orchestration.Core.Domain;
using Orchestration.Core.Lifecycle;
using Orchestration.Core.Scheduling;
using Orchestration.Storage.Sqlite;

namespace Orchestration.Storage.Execution.Sqlite;

// The guarded task write and the graph slices readiness is derived from.
internal sealed partial class SqliteExecutionTransaction
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
            SELECT @taskId
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

    public Task<ReadinessSlice> SliceAsync(string taskId, SliceScope scope)
    {
        var sql = scope switch
        {
            SliceScope.Dependants => DependantsSql,
            SliceScope.Downstream => DownstreamSql,
            _ => SelfAndDownstreamSql,
        };
        var command = c.Prepared(tx, sql).With("@taskId", taskId);
        var members = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var statuses = new Dictionary<string, TaskItemStatus>(StringComparer.Ordinal);
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var id = reader.GetString(0);
                statuses[id] = WireNames.Parse<TaskItemStatus>(reader.GetString(1));
                var dependencies = members.TryGetValue(id, out var list) ? list : members[id] = [];
                if (!reader.IsDBNull(2) && !reader.IsDBNull(3))
                {
                    var dependency = reader.GetString(2);
                    dependencies.Add(dependency);
                    statuses.TryAdd(dependency, WireNames.Parse<TaskItemStatus>(reader.GetString(3)));
                }
            }
        }
        return Task.FromResult(new ReadinessSlice(members.Select(m => new SliceTask(m.Key, m.Value)).ToList(), statuses));
    }

    // Each shape of update has one statement text (TaskUpdateSql), so each is prepared once on the write connection.
    public Task<ExecutionTask?> UpdateTaskAsync(TaskUpdate u, double now)
    {
        var command = c.Prepared(tx, TaskUpdateSql.For(u));
        foreach (var (name, value) in TaskUpdateSql.Parameters(u, now))
        {
            command.With(name, value);
        }
        return Task.FromResult(command.FirstOrDefault<ExecutionTask>());
    }
}
