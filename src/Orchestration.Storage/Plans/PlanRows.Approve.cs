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
        // Tasks of earlier plans that never ran are replaced; the ones that ran stay as history.
        var replaced = await c.ExecuteAsync(
            $"""
            DELETE FROM tasks WHERE project_id = @projectId AND plan_id <> @planId
              AND status IN ('{TaskStatusNames.Pending}', '{TaskStatusNames.Blocked}', '{TaskStatusNames.Queued}')
            """,
            args, tx);
        var taskIds = await InsertTasksAsync(c, tx, approval);
        await c.ExecuteAsync(
            $"""
            UPDATE plans SET status = '{PlanStatusNames.Approved}', approved_at = @now, forecast_high_nanos = @high, approval_forced = @forced,
                spent_at_approval_nanos = COALESCE((SELECT spent_nanos FROM budget_totals WHERE scope = 'project' AND period = @projectId), 0)
            WHERE id = @planId
            """, args, tx);
        return new ApprovalResult(taskIds, approval.Decomposition.TotalWaves, replaced);
    }

    private static async Task<IReadOnlyList<string>> InsertTasksAsync(IDbConnection c, IDbTransaction tx, PlanApproval approval)
    {
        var tasks = approval.Decomposition.Tasks;
        var ids = tasks.Select(_ => Ids.New()).ToArray();
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
        return ids;
    }
}
