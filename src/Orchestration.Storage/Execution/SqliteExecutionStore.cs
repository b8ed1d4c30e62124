using System.Data;
using Dapper;
using Microsoft.Data.Sqlite;
using Orchestration.Core.Domain;
using Orchestration.Core.Graph;
using Orchestration.Core.Scheduling;
using Orchestration.Storage.Events;
using Orchestration.Storage.Sqlite;

namespace Orchestration.Storage.Execution;

internal sealed partial class SqliteExecutionStore(SqliteDatabase database) : IExecutionStore
{
    private const string TaskColumns =
        """
        id, project_id, plan_id, task_index, title, description, task_type, complexity, status, model_tier, priority, wave,
        verification_criteria, max_tokens, not_before, attempt_count, retry_count, auto_retries_used, manual_retries, lease_owner,
        tools_json, feedback_json, verification_status
        """;

    // The tasks a run executes: those of the project's approved plan (tasks of earlier plans are history).
    private const string CurrentTasks =
        """
        project_id = @projectId AND (
            plan_id IN (SELECT id FROM plans WHERE project_id = @projectId AND status = 'approved')
            OR NOT EXISTS (SELECT 1 FROM plans WHERE project_id = @projectId AND status = 'approved'))
        """;

    private static async Task<(List<ExecutionTask> Tasks, Dictionary<string, IReadOnlyList<string>> DependsOn)> ReadCurrentAsync(
        SqliteConnection c, IDbTransaction tx, string projectId)
    {
        var tasks = (await c.QueryAsync<ExecutionTask>(
            $"SELECT {TaskColumns} FROM tasks WHERE {CurrentTasks} ORDER BY task_index", new { projectId }, tx)).AsList();
        var edges = await c.QueryAsync<(string TaskId, string DependsOnId)>(
            $"""
            SELECT d.task_id, d.depends_on_id FROM task_dependencies d
            WHERE d.task_id IN (SELECT id FROM tasks WHERE {CurrentTasks})
            """, new { projectId }, tx);
        var dependsOn = tasks.ToDictionary(t => t.Id, _ => (IReadOnlyList<string>)new List<string>(), StringComparer.Ordinal);
        foreach (var (taskId, dependsOnId) in edges)
        {
            ((List<string>)dependsOn[taskId]).Add(dependsOnId);
        }
        return (tasks, dependsOn);
    }

    /// <summary>Applies <see cref="TaskReadiness"/> to the waiting tasks of the current plan, in dependency order,
    /// and writes the statuses that changed. Returns the tasks as they now are.</summary>
    private static async Task<(List<ExecutionTask> Tasks, Dictionary<string, IReadOnlyList<string>> DependsOn)> ReconcileAsync(
        SqliteConnection c, IDbTransaction tx, string projectId, double now)
    {
        var (tasks, dependsOn) = await ReadCurrentAsync(c, tx, projectId);
        var indexOf = tasks.Select((t, i) => (t.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var deps = tasks.Select(t => (IReadOnlyList<int>)dependsOn[t.Id].Where(indexOf.ContainsKey).Select(d => indexOf[d]).ToArray()).ToArray();
        var status = tasks.Select(t => t.StatusValue).ToArray();
        foreach (var i in DagAnalysis.Analyze(deps).TopologicalOrder)
        {
            var derived = TaskReadiness.Derive(status[i], deps[i].Select(d => status[d]));
            if (derived != status[i])
            {
                status[i] = derived;
                await c.ExecuteAsync(
                    "UPDATE tasks SET status = @status, updated_at = @now WHERE id = @id",
                    new { status = derived.ToWire(), now, id = tasks[i].Id }, tx);
            }
        }
        var current = tasks.Select((t, i) => t.Status == status[i].ToWire() ? t : WithStatus(t, status[i])).ToList();
        return (current, dependsOn);
    }

    private static ExecutionTask WithStatus(ExecutionTask t, TaskItemStatus status) => new()
    {
        Id = t.Id, ProjectId = t.ProjectId, PlanId = t.PlanId, TaskIndex = t.TaskIndex, Title = t.Title,
        Description = t.Description, TaskType = t.TaskType, Complexity = t.Complexity, Status = status.ToWire(),
        ModelTier = t.ModelTier, Priority = t.Priority, Wave = t.Wave, VerificationCriteria = t.VerificationCriteria,
        MaxTokens = t.MaxTokens, NotBefore = t.NotBefore, AttemptCount = t.AttemptCount, RetryCount = t.RetryCount,
        AutoRetriesUsed = t.AutoRetriesUsed, ManualRetries = t.ManualRetries, LeaseOwner = t.LeaseOwner,
        ToolsJson = t.ToolsJson, FeedbackJson = t.FeedbackJson, VerificationStatus = t.VerificationStatus,
    };

    private static Task<StoredEvent> AppendAsync(SqliteConnection c, IDbTransaction tx, double now,
        string projectId, string type, string message, string? taskId = null, IReadOnlyDictionary<string, object?>? data = null) =>
        EventRows.AppendAsync(c, tx, new NewEvent(projectId, type, message, taskId, data), now);

    private static Task<string?> TitleAsync(SqliteConnection c, IDbTransaction tx, string taskId) =>
        c.ExecuteScalarAsync<string?>("SELECT title FROM tasks WHERE id = @taskId", new { taskId }, tx);
}
