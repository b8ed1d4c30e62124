using System.Data;
using System.Text.Json;
using Dapper;
using Orchestration.Core.Domain;
using Orchestration.Core.Events;
using Orchestration.Core.Lifecycle;
using Orchestration.Core.Planning;
using Orchestration.Storage.Events;
using Orchestration.Storage.Projects;

namespace Orchestration.Storage.Plans;

/// <summary>Appends an event inside the caller's transaction (each backend numbers events its own way).</summary>
internal delegate Task<StoredEvent> AppendEvent(IDbConnection connection, IDbTransaction transaction, NewEvent newEvent, double now);

// Re-planning a running project: the hold, the swap of the unfinished part of the graph, and rejecting a re-plan.
internal static partial class PlanRows
{
    private static readonly string[] Replannable = [ProjectStatusNames.Executing, ProjectStatusNames.Paused, ProjectStatusNames.Failed];

    public static async Task<ReplanHold?> HoldForReplanAsync(IDbConnection c, IDbTransaction tx, AppendEvent append, string ownerId, string projectId,
        double now)
    {
        var project = await c.QuerySingleOrDefaultAsync<Project>(ProjectRows.Owned, new { projectId, ownerId }, tx);
        if (project is null)
        {
            return null;
        }
        if (!Replannable.Contains(project.Status))
        {
            throw new PlanConflictException(
                $"The project is {project.Status}; only an executing, paused or failed project can be re-planned (use POST /plan before approval).");
        }
        if (project.ReplanHoldSince is not null)
        {
            throw new PlanConflictException("A re-plan of this project is already pending: approve or reject it first.");
        }
        var running = await c.QuerySingleOrDefaultAsync<PlanRecord>(
            $"SELECT {Columns} {Owned} WHERE pl.project_id = @projectId AND pl.status = '{PlanStatusNames.Approved}'", new { ownerId, projectId }, tx)
            ?? throw new PlanConflictException("The project has no approved plan to re-plan.");
        await c.ExecuteAsync("UPDATE projects SET replan_hold_since = @now WHERE id = @projectId", new { now, projectId }, tx);
        var started = await append(c, tx, PlanEvents.ReplanStarted(projectId, running.Id), now);
        return new ReplanHold(project, running, started);
    }

    /// <summary>Lifts the hold (planning failed) with the event saying why.</summary>
    public static async Task<StoredEvent?> ReleaseReplanHoldAsync(IDbConnection c, IDbTransaction tx, AppendEvent append, string projectId,
        NewEvent reason, double now)
    {
        var released = await c.ExecuteAsync(
            "UPDATE projects SET replan_hold_since = NULL WHERE id = @projectId AND replan_hold_since IS NOT NULL", new { projectId }, tx);
        return released > 0 ? await append(c, tx, reason, now) : null;
    }

    /// <summary>Stores the re-plan's draft and says it is ready, while the hold is still on.</summary>
    public static async Task<(PlanRecord Plan, StoredEvent Ready)?> CreateReplanDraftAsync(IDbConnection c, IDbTransaction tx, AppendEvent append,
        string ownerId, NewPlan plan)
    {
        if (await CreateDraftAsync(c, tx, ownerId, plan, completePlanning: false) is not { } stored)
        {
            return null;
        }
        var ready = await append(c, tx, PlanEvents.PlanReady(plan.ProjectId, stored.Id, stored.Version, plan.ReplanOf!), plan.CreatedAt);
        return (stored, ready);
    }

    public static async Task<(PlanRecord Plan, StoredEvent? Rejected)?> RejectAsync(IDbConnection c, IDbTransaction tx, AppendEvent append,
        string ownerId, string projectId, string planId, double now)
    {
        var plan = await GetAsync(c, tx, ownerId, projectId, planId);
        if (plan is null)
        {
            return null;
        }
        EnsureDraft(plan, "rejected");
        await c.ExecuteAsync($"UPDATE plans SET status = '{PlanStatusNames.Rejected}' WHERE id = @planId", new { planId }, tx);
        StoredEvent? rejected = null;
        if (plan.ReplanOf is not null)
        {
            await c.ExecuteAsync("UPDATE projects SET replan_hold_since = NULL WHERE id = @projectId", new { projectId }, tx);
            rejected = await append(c, tx, PlanEvents.ReplanRejected(projectId, planId), now);
        }
        return (await GetAsync(c, tx, ownerId, projectId, planId) ?? plan, rejected);
    }

    /// <summary>
    /// Approves a re-plan's draft: the plan it replaces must still be the approved one and the project still executing,
    /// paused or failed. Kept tasks move to the new plan with their ids, outputs and spend (new index and wave only); the
    /// replaced plan's other tasks that never ran are deleted, those that ran stay with it as history; the new tasks are
    /// inserted pending (readiness is derived when the executor loads the graph). The project's status does not change.
    /// </summary>
    public static async Task<(ApprovalResult Result, StoredEvent Swapped)?> SwapAsync(IDbConnection c, IDbTransaction tx, AppendEvent append,
        PlanApproval approval)
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
        var replaced = plan.ReplanOf ?? throw new PlanConflictException($"Plan version {plan.Version} is not a re-plan.");
        var running = await GetAsync(c, tx, approval.OwnerId, approval.ProjectId, replaced);
        if (running?.StatusValue != PlanStatus.Approved)
        {
            throw new PlanConflictException($"The plan this re-plan replaces is no longer the running one; re-plan again.");
        }
        var project = await c.QuerySingleAsync<Project>(ProjectRows.ById, new { projectId = approval.ProjectId }, tx);
        if (!Replannable.Contains(project.Status))
        {
            throw new PlanConflictException($"The project is {project.Status}; a re-plan applies only while it is executing, paused or failed.");
        }
        var kept = plan.KeptTaskIds;
        var args = new
        {
            projectId = approval.ProjectId, planId = approval.PlanId, replaced, now = approval.Now, high = approval.ForecastHighNanos,
            forced = approval.Forced,
        };
        await c.ExecuteAsync(
            $"""
            UPDATE plans SET status = '{PlanStatusNames.Superseded}'
            WHERE project_id = @projectId AND id <> @planId AND status IN ('{PlanStatusNames.Draft}', '{PlanStatusNames.Approved}')
            """, args, tx);
        var ids = new string[approval.Decomposition.Tasks.Count];
        foreach (var task in approval.Decomposition.Tasks.Take(kept.Count))
        {
            ids[task.Index] = kept[task.Index];
            var moved = await c.ExecuteAsync(
                "UPDATE tasks SET plan_id = @planId, task_index = @index, wave = @wave, updated_at = @now WHERE id = @id AND plan_id = @replaced",
                new { args.planId, index = task.Index, wave = task.Wave, now = approval.Now, id = kept[task.Index], replaced }, tx);
            if (moved == 0)
            {
                throw new PlanConflictException("A task this re-plan keeps is no longer part of the running plan; re-plan again.");
            }
        }
        var removed = await c.ExecuteAsync(
            $"""
            DELETE FROM tasks WHERE project_id = @projectId AND plan_id = @replaced
              AND status IN ('{TaskStatusNames.Pending}', '{TaskStatusNames.Blocked}', '{TaskStatusNames.Queued}')
            """, args, tx);
        var history = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM tasks WHERE plan_id = @replaced", args, tx);
        await InsertTasksAsync(c, tx, approval, ids, fromIndex: kept.Count);
        // A kept task's edges now point inside the new plan only (a finished task's dependencies are kept tasks too).
        await c.ExecuteAsync(
            """
            DELETE FROM task_dependencies
            WHERE task_id IN (SELECT id FROM tasks WHERE plan_id = @planId)
              AND depends_on_id NOT IN (SELECT id FROM tasks WHERE plan_id = @planId)
            """, args, tx);
        await c.ExecuteAsync(
            $"""
            UPDATE plans SET status = '{PlanStatusNames.Approved}', approved_at = @now, forecast_high_nanos = @high, approval_forced = @forced,
                spent_at_approval_nanos = COALESCE((SELECT spent_nanos FROM budget_totals WHERE scope = 'project' AND period = @projectId), 0)
            WHERE id = @planId
            """, args, tx);
        await c.ExecuteAsync("UPDATE projects SET replan_hold_since = NULL, updated_at = @now WHERE id = @projectId", args, tx);
        var added = ids.Length - kept.Count;
        var swapped = await append(c, tx,
            PlanEvents.PlanSwapped(approval.ProjectId, approval.PlanId, replaced, kept.Count, added, removed + (int)history), approval.Now);
        return (new ApprovalResult(ids, approval.Decomposition.TotalWaves, removed), swapped);
    }
}

/// <summary>A re-plan's hold: the project as it was, the plan being re-planned, and the replan_started event.</summary>
public sealed record ReplanHold(Project Project, PlanRecord RunningPlan, StoredEvent Started);
