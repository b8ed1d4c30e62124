using System.Data;
using Dapper;
using Orchestration.Core.Domain;

namespace Orchestration.Storage.Tasks;

/// <summary>Reading and editing tasks for their project's owner in SQL every backend shares, but for what
/// <see cref="SqlDialect"/> spells. A patch runs inside the caller's write transaction, which the backend keeps from
/// interleaving with the executor's changes of the task.</summary>
internal static partial class TaskRows
{
    public static async Task<TaskPage?> ListAsync(
        IDbConnection c, SqlDialect dialect, string ownerId, string projectId, TaskQuery query, CancellationToken cancellationToken)
    {
        var owned = await c.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM projects WHERE id = @projectId AND owner_id = @ownerId",
            new { projectId, ownerId }, cancellationToken: cancellationToken));
        if (owned == 0)
        {
            return null;
        }
        var args = new
        {
            ownerId,
            projectId,
            status = query.Status?.ToWire(),
            wave = query.Wave,
            phase = query.Phase,
            tier = query.ModelTier?.ToWire(),
            search = query.Search is { Length: > 0 } s ? "%" + EscapeLike(s) + "%" : null,
            planId = query.PlanId,
            offset = query.Offset,
            limit = query.Limit,
        };
        var filter = $"""
            t.project_id = @projectId
            AND (@status IS NULL OR t.status = @status)
            AND (@wave IS NULL OR t.wave = @wave)
            AND (@phase IS NULL OR t.phase = @phase)
            AND (@tier IS NULL OR t.model_tier = @tier)
            AND (@planId IS NULL OR t.plan_id = @planId)
            AND (@search IS NULL OR t.title {dialect.CaseInsensitiveLike} @search ESCAPE '\' OR t.description {dialect.CaseInsensitiveLike} @search ESCAPE '\')
            """;
        var total = await c.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) FROM tasks t {OwnedJoin} WHERE {filter}", args, cancellationToken: cancellationToken));
        var rows = (await c.QueryAsync<TaskRecord>(new CommandDefinition(
            $"SELECT {SelectColumns(query.ExcludeOutput)} FROM tasks t {OwnedJoin} WHERE {filter} ORDER BY {OrderBy(query)} LIMIT @limit OFFSET @offset",
            args, cancellationToken: cancellationToken))).ToList();
        var dependencies = await DependenciesAsync(c, null, dialect, rows.Select(r => r.Id).ToList());
        return new TaskPage(rows.Select(r => new TaskView(r, dependencies[r.Id].ToList())).ToList(), total);
    }

    public static async Task<TaskView?> GetAsync(IDbConnection c, IDbTransaction? tx, SqlDialect dialect, string ownerId, string taskId)
    {
        var row = await c.QuerySingleOrDefaultAsync<TaskRecord>(
            $"SELECT {SelectColumns(excludeOutput: false)} FROM tasks t {OwnedJoin} WHERE t.id = @taskId", new { ownerId, taskId }, tx);
        if (row is null)
        {
            return null;
        }
        var dependencies = await DependenciesAsync(c, tx, dialect, [row.Id]);
        return new TaskView(row, dependencies[row.Id].ToList());
    }

    public static async Task<TaskView?> PatchAsync(
        IDbConnection c, IDbTransaction tx, SqlDialect dialect, string ownerId, string taskId, TaskPatch patch, double now)
    {
        var current = await GetAsync(c, tx, dialect, ownerId, taskId);
        if (current is null)
        {
            return null;
        }
        if (current.Task.StatusValue is TaskItemStatus.Running or TaskItemStatus.Completed)
        {
            throw new TaskConflictException($"The task is {current.Task.Status}; it can only be edited before it runs or after it stopped.");
        }
        // NOTE: the status guard is repeated in the UPDATE so a task claimed meanwhile is never edited.
        await c.ExecuteAsync(
            """
            UPDATE tasks SET title = COALESCE(@Title, title), description = COALESCE(@Description, description),
                model_tier = COALESCE(@tier, model_tier), priority = COALESCE(@Priority, priority),
                max_tokens = COALESCE(@MaxTokens, max_tokens), updated_at = @now
            WHERE id = @taskId AND status = @status
            """, new { patch.Title, patch.Description, tier = patch.ModelTier?.ToWire(), patch.Priority, patch.MaxTokens, now, taskId, status = current.Task.Status }, tx);
        return await GetAsync(c, tx, dialect, ownerId, taskId);
    }

    private static async Task<ILookup<string, string>> DependenciesAsync(IDbConnection c, IDbTransaction? tx, SqlDialect dialect, IReadOnlyList<string> taskIds)
    {
        if (taskIds.Count == 0)
        {
            return Array.Empty<string>().ToLookup(x => x);
        }
        var edges = await c.QueryAsync<(string TaskId, string DependsOnId)>(
            $"""
            SELECT d.task_id, d.depends_on_id FROM task_dependencies d JOIN tasks dt ON dt.id = d.depends_on_id
            WHERE {dialect.InList("d.task_id", "@taskIds")} ORDER BY dt.task_index, dt.id
            """, new { taskIds }, tx);
        return edges.ToLookup(e => e.TaskId, e => e.DependsOnId);
    }
}
