using System.Data;
using Dapper;
using Microsoft.Data.Sqlite;
using Orchestration.Core.Domain;
using Orchestration.Core.Events;
using Orchestration.Core.Lifecycle;
using Orchestration.Storage.Checkpoints;
using Orchestration.Storage.Events;
using Orchestration.Storage.Knowledge;
using Orchestration.Storage.Projects;
using Orchestration.Storage.Sqlite;

namespace Orchestration.Storage.Execution.Sqlite;

/// <summary>The primitives of execution on one SQLite write transaction. Hot statements are prepared once on the write
/// connection and reused (<see cref="PreparedStatements"/>).</summary>
internal sealed partial class SqliteExecutionTransaction(SqliteConnection c, IDbTransaction tx) : IExecutionTransaction
{
    private const string TaskColumns = ExecutionSql.TaskColumns;
    private const string CurrentTasks = ExecutionSql.CurrentTasks;

    public async Task<Project?> ProjectAsync(string projectId, string? ownerId) =>
        await c.QuerySingleOrDefaultAsync<Project>(
            "SELECT * FROM projects WHERE id = @projectId AND (@ownerId IS NULL OR owner_id = @ownerId)", new { projectId, ownerId }, tx);

    public async Task<Project?> MoveProjectAsync(string projectId, ProjectStatus from, ProjectStatus to, string? reason, double now)
    {
        var completedAt = to is ProjectStatus.Completed ? now : (double?)null;
        return await c.QuerySingleOrDefaultAsync<Project>(
            """
            UPDATE projects SET status = @to, status_reason = @reason, updated_at = @now,
                completed_at = CASE WHEN @completedAt IS NULL THEN completed_at ELSE @completedAt END
            WHERE id = @projectId AND status = @from
            RETURNING *
            """, new { to = to.ToWire(), from = from.ToWire(), reason, now, completedAt, projectId }, tx);
    }

    public Task<long> NextRunAsync(string projectId, double now) =>
        c.ExecuteScalarAsync<long>(
            """
            INSERT INTO execution_runs (project_id, run, started_at) VALUES (@projectId, 1, @now)
            ON CONFLICT (project_id) DO UPDATE SET run = run + 1, started_at = @now
            RETURNING run
            """, new { projectId, now }, tx);

    public async Task<(IReadOnlyList<ExecutionTask> Tasks, IReadOnlyDictionary<string, IReadOnlyList<string>> DependsOn)> GraphAsync(string projectId)
    {
        var tasks = (await c.QueryAsync<ExecutionTask>(
            $"SELECT {TaskColumns} FROM tasks WHERE {CurrentTasks} ORDER BY task_index", new { projectId }, tx)).AsList();
        var edges = await c.QueryAsync<(string TaskId, string DependsOnId)>(
            $"""
            SELECT d.task_id, d.depends_on_id FROM task_dependencies d
            WHERE d.task_id IN (SELECT id FROM tasks WHERE {CurrentTasks})
            """, new { projectId }, tx);
        var dependsOn = tasks.ToDictionary(t => t.Id, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var (taskId, dependsOnId) in edges)
        {
            dependsOn[taskId].Add(dependsOnId);
        }
        return (tasks, dependsOn.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value, StringComparer.Ordinal));
    }

    public Task<ExecutionTask?> AttemptTaskAsync(AttemptKey key) =>
        c.QuerySingleOrDefaultAsync<ExecutionTask>(
            $"""
            SELECT {TaskColumns} FROM tasks
            WHERE id = @TaskId AND project_id = @ProjectId AND status = '{TaskStatusNames.Running}' AND lease_owner = @Owner AND attempt_count = @Attempt
            """, new { key.TaskId, key.ProjectId, key.Owner, key.Attempt }, tx);

    public Task<OwnedTask?> OwnedTaskAsync(string ownerId, string taskId) =>
        c.QuerySingleOrDefaultAsync<OwnedTask>(
            """
            SELECT t.id, t.project_id, t.title, t.status, t.manual_retries, t.not_before, t.feedback_json, t.updated_at,
                   t.output_text IS NOT NULL AND length(trim(t.output_text)) > 0 AS has_output,
                   p.status AS project_status, p.config AS project_config, p.replan_hold_since AS project_replan_hold_since
            FROM tasks t JOIN projects p ON p.id = t.project_id
            WHERE t.id = @taskId AND p.owner_id = @ownerId
            """, new { taskId, ownerId }, tx);

    public async Task<IReadOnlyList<(ExecutionTask Task, string? OpenCheckpointId)>> TasksInAsync(string projectId, IReadOnlyList<TaskItemStatus> statuses)
    {
        var names = statuses.Select(s => s.ToWire()).ToArray();
        var rows = await c.QueryAsync<ExecutionTask, string?, (ExecutionTask, string?)>(
            $"""
            SELECT {TaskColumns}, (SELECT k.id FROM checkpoints k WHERE k.task_id = tasks.id AND k.resolved_at IS NULL) AS checkpoint_id
            FROM tasks WHERE {CurrentTasks} AND status IN @names
            ORDER BY task_index
            """, (t, k) => (t, k), new { projectId, names }, tx, splitOn: "checkpoint_id");
        return rows.AsList();
    }

    public async Task<IReadOnlyList<LeasedTask>> LeasedTasksAsync(string exceptOwner) =>
        (await c.QueryAsync<LeasedTask>(
            $"""
            SELECT id, project_id, title, lease_owner, attempt_count, lease_expires_at FROM tasks
            WHERE status = '{TaskStatusNames.Running}' AND (lease_owner IS NULL OR lease_owner <> @exceptOwner)
            ORDER BY project_id, task_index
            """, new { exceptOwner }, tx)).AsList();

    public Task RenewLeasesAsync(string owner, double leaseUntil) =>
        c.ExecuteAsync(
            $"UPDATE tasks SET lease_expires_at = @leaseUntil WHERE status = '{TaskStatusNames.Running}' AND lease_owner = @owner",
            new { leaseUntil, owner }, tx);

    public async Task<bool> AddSpendAsync(AttemptKey key, long promptTokens, long completionTokens, long costNanos, double now) =>
        await c.ExecuteAsync(
            """
            UPDATE tasks SET prompt_tokens = prompt_tokens + @promptTokens, completion_tokens = completion_tokens + @completionTokens,
                cost_nanos = cost_nanos + @costNanos, updated_at = @now
            WHERE id = @TaskId AND attempt_count = @Attempt
            """, new { promptTokens, completionTokens, costNanos, now, key.TaskId, key.Attempt }, tx) == 1;

    public Task<StoredEvent> AppendAsync(NewEvent newEvent, double now) => EventRows.AppendAsync(c, tx, newEvent, now);

    public Task<IReadOnlyList<KnowledgeRecord>> AddFindingsAsync(string projectId, string? taskId, IReadOnlyList<NewFinding> findings, double now) =>
        findings.Count == 0 ? Task.FromResult<IReadOnlyList<KnowledgeRecord>>([]) : KnowledgeRows.InsertAsync(c, tx, projectId, taskId, findings, now);

    public Task<KnowledgeRecord?> OwnedFindingAsync(string ownerId, string knowledgeId) => KnowledgeRows.OwnedAsync(c, tx, ownerId, knowledgeId);

    public Task<KnowledgeRecord?> FindingByContentAsync(string projectId, string content) => KnowledgeRows.ByContentAsync(c, tx, projectId, content);

    public Task<KnowledgeRecord?> UpdateFindingAsync(string projectId, FindingUpdate update, double now) => KnowledgeRows.UpdateAsync(c, tx, projectId, update, now);

    public Task<CheckpointRecord> OpenCheckpointAsync(string projectId, string taskId, NewCheckpoint checkpoint, string finalAttempt, double now) =>
        CheckpointRows.OpenAsync(c, tx, projectId, taskId, checkpoint, finalAttempt, now);

    public Task<CheckpointRecord?> CheckpointAsync(string ownerId, string checkpointId) =>
        c.QuerySingleOrDefaultAsync<CheckpointRecord>(
            $"""
            SELECT {CheckpointRows.Columns} FROM {CheckpointRows.From}
            JOIN projects p ON p.id = c.project_id AND p.owner_id = @ownerId
            WHERE c.id = @checkpointId
            """, new { checkpointId, ownerId }, tx);

    public Task<int> ResolveCheckpointsAsync(CheckpointScope scope, string resolution, string? response, double now) =>
        c.ExecuteAsync(
            """
            UPDATE checkpoints SET resolution = @resolution, response = @response, resolved_at = @now
            WHERE resolved_at IS NULL AND (id = @CheckpointId OR task_id = @TaskId OR project_id = @ProjectId)
            """, new { resolution, response, now, scope.CheckpointId, scope.TaskId, scope.ProjectId }, tx);
}
