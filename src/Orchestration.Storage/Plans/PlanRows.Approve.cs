using System.Data;
using System.Text.Json;
using Dapper;
using Orchestration.Core.Domain;
using Orchestration.Core.Lifecycle;
using Orchestration.Core.Planning;
using Orchestration.Storage.Projects;

namespace Orchestration.Storage.Plans;

internal static partial class PlanRows
{
    public static async Task<ApprovalResult?> ApproveAsync(IDbConnection c, IDbTransaction tx, PlanApproval approval)
    {
        var plan = await GetAsync(c, tx, approval.OwnerId, approval.ProjectId, approval.PlanId);
        if (plan is null)
        {
            return null;
        }
        EnsureDraft(plan, "approved");
        if (!string.Equals(plan.PlanJson, approval.ExpectedPlanJson, StringComparison.Ordinal))
        {
            throw new PlanConflictException($"Plan version {plan.Version} was edited while it was being approved; approve it again.");
        }
        if (plan.ReplanOf is not null)
        {
            throw new PlanConflictException($"Plan version {plan.Version} is a re-plan; it is approved by swapping it in (IPlanStore.SwapAsync).");
        }
        // Throws IllegalTransitionException (409) while the project is executing, planning or cancelled.
        await ProjectRows.TransitionAsync(c, tx, approval.ProjectId, ProjectStatus.Ready, null, approval.Now);

        var args = new
        {
            projectId = approval.ProjectId, planId = approval.PlanId, now = approval.Now, high = approval.ForecastHighNanos, forced = approval.Forced,
        };
        await c.ExecuteAsync(
            $"""
            UPDATE plans SET status = '{PlanStatusNames.Superseded}'
            WHERE project_id = @projectId AND id <> @planId AND status IN ('{PlanStatusNames.Draft}', '{PlanStatusNames.Approved}')
            """,
            args, tx);
        // A pending re-plan is superseded with the rest: its hold goes too.
        await c.ExecuteAsync("UPDATE projects SET replan_hold_since = NULL WHERE id = @projectId", args, tx);
        // Tasks of earlier plans that never ran are replaced; the ones that ran stay as history.
        var replaced = await c.ExecuteAsync(
            $"""
            DELETE FROM tasks WHERE project_id = @projectId AND plan_id <> @planId
              AND status IN ('{TaskStatusNames.Pending}', '{TaskStatusNames.Blocked}', '{TaskStatusNames.Queued}')
            """,
            args, tx);
        var taskIds = Enumerable.Range(0, approval.Decomposition.Tasks.Count).Select(_ => Ids.New()).ToArray();
        await InsertTasksAsync(c, tx, approval, taskIds, fromIndex: 0);
        await c.ExecuteAsync(
            $"""
            UPDATE plans SET status = '{PlanStatusNames.Approved}', approved_at = @now, forecast_high_nanos = @high, approval_forced = @forced,
                spent_at_approval_nanos = COALESCE((SELECT spent_nanos FROM budget_totals WHERE scope = 'project' AND period = @projectId), 0)
            WHERE id = @planId
            """, args, tx);
        return new ApprovalResult(taskIds, approval.Decomposition.TotalWaves, replaced);
    }

    /// <summary>Inserts the decomposition's tasks from <paramref name="fromIndex"/> on, with new ids written into
    /// <paramref name="ids"/> (the ones before it are given: kept tasks), and their dependency edges.</summary>
    private static async Task InsertTasksAsync(IDbConnection c, IDbTransaction tx, PlanApproval approval, string[] ids, int fromIndex)
    {
        var tasks = approval.Decomposition.Tasks.Where(t => t.Index >= fromIndex).ToList();
        foreach (var task in tasks)
        {
            ids[task.Index] ??= Ids.New();
        }
        await c.ExecuteAsync(
            $"""
            INSERT INTO tasks (id, project_id, plan_id, task_index, title, description, task_type, complexity, status, model_tier,
                               priority, wave, phase, tools_json, requirement_ids_json, verification_criteria, affected_files_json,
                               created_at, updated_at)
            VALUES (@Id, @ProjectId, @PlanId, @TaskIndex, @Title, @Description, @TaskType, @Complexity, '{TaskStatusNames.Pending}', @ModelTier,
                    @Priority, @Wave, @Phase, @ToolsJson, @RequirementIdsJson, @VerificationCriteria, @AffectedFilesJson,
                    @Now, @Now)
            """,
            tasks.Select(t => new
            {
                Id = ids[t.Index],
                approval.ProjectId,
                approval.PlanId,
                TaskIndex = t.Index,
                t.Title,
                t.Description,
                t.TaskType,
                Complexity = t.Complexity.ToWire(),
                ModelTier = t.ModelTier.ToWire(),
                t.Priority,
                t.Wave,
                t.Phase,
                ToolsJson = JsonSerializer.Serialize(t.Tools),
                RequirementIdsJson = JsonSerializer.Serialize(t.RequirementIds),
                t.VerificationCriteria,
                AffectedFilesJson = JsonSerializer.Serialize(t.AffectedFiles),
                approval.Now,
            }), tx);
        await c.ExecuteAsync(
            "INSERT INTO task_dependencies (task_id, depends_on_id) VALUES (@TaskId, @DependsOnId)",
            tasks.SelectMany(t => t.DependsOn.Select(d => new { TaskId = ids[t.Index], DependsOnId = ids[d] })), tx);
    }
}
