using Dapper;
using Orchestration.Core.Lifecycle;

namespace Orchestration.Storage.Execution;

/// <summary>Fragments of execution SQL that read the same on every backend.</summary>
internal static class ExecutionSql
{
    /// <summary>The columns of <see cref="ExecutionTask"/>.</summary>
    public const string TaskColumns =
        """
        id, project_id, plan_id, task_index, title, description, task_type, complexity, status, model_tier, priority, wave,
        verification_criteria, max_tokens, not_before, attempt_count, retry_count, auto_retries_used, manual_retries, lease_owner,
        tools_json, feedback_json, verification_status
        """;

    /// <summary>Reads <see cref="ProjectStates"/>: the project's status, then its current tasks'.</summary>
    public const string States =
        $"""
        SELECT status AS Status, replan_hold_since AS ReplanHoldSince FROM projects WHERE id = @projectId;
        SELECT id AS Id, status AS Status, not_before AS NotBefore, model_tier AS ModelTier FROM tasks WHERE {CurrentTasks} ORDER BY task_index;
        """;

    /// <summary>Reads the result of <see cref="States"/>.</summary>
    public static async Task<ProjectStates?> ReadStatesAsync(SqlMapper.GridReader grid)
    {
        var project = await grid.ReadSingleOrDefaultAsync<ProjectRow>();
        var tasks = (await grid.ReadAsync<TaskState>()).AsList();
        return project is null ? null : new ProjectStates(project.Status, tasks, project.ReplanHoldSince is not null);
    }

    private sealed class ProjectRow
    {
        public string Status { get; init; } = "";
        public double? ReplanHoldSince { get; init; }
    }

    /// <summary>The tasks a run executes (a WHERE condition on tasks, with @projectId): those of the project's approved
    /// plan (tasks of earlier plans are history), or all of them before any approval.</summary>
    public const string CurrentTasks =
        $"""
        project_id = @projectId AND (
            plan_id IN (SELECT id FROM plans WHERE project_id = @projectId AND status = '{PlanStatusNames.Approved}')
            OR NOT EXISTS (SELECT 1 FROM plans WHERE project_id = @projectId AND status = '{PlanStatusNames.Approved}'))
        """;
}
