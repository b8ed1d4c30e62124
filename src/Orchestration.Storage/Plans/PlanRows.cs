using System.Data;
using Dapper;
using Orchestration.Core.Domain;
using Orchestration.Core.Lifecycle;
using Orchestration.Core.Planning;
using Orchestration.Storage.Projects;

namespace Orchestration.Storage.Plans;

/// <summary>
/// Plan versions in SQL every backend reads alike, on a caller's connection. The writes run inside the caller's write
/// transaction, which the backend keeps from interleaving with any other change of the project (SQLite's one writer;
/// PostgreSQL's lock on the project's row).
/// </summary>
internal static partial class PlanRows
{
    private const string Columns =
        "pl.id, pl.project_id, pl.version, pl.status, pl.plan_json, pl.forecast_json, pl.requirements_json, pl.model_used, " +
        "pl.prompt_tokens, pl.completion_tokens, pl.cost_nanos, pl.created_at, pl.approved_at, pl.forecast_high_nanos, pl.approval_forced, " +
        "pl.spent_at_approval_nanos, pl.replan_of, pl.kept_task_ids_json, " + ProjectSpent + " AS project_spent_nanos";

    private const string ProjectSpent =
        "COALESCE((SELECT bt.spent_nanos FROM budget_totals bt WHERE bt.scope = 'project' AND bt.period = pl.project_id), 0)";

    // NOTE: every read goes through the owner's projects; a plan of someone else's project is simply not found.
    private const string Owned = "FROM plans pl JOIN projects pr ON pr.id = pl.project_id AND pr.owner_id = @ownerId";

    public static async Task<PlanRecord?> CreateDraftAsync(IDbConnection c, IDbTransaction tx, string ownerId, NewPlan plan, bool completePlanning)
    {
        if (!await ProjectExistsAsync(c, tx, ownerId, plan.ProjectId))
        {
            return null;
        }
        if (completePlanning)
        {
            await ProjectRows.TransitionAsync(c, tx, plan.ProjectId, ProjectStatus.Draft, null, plan.CreatedAt);
        }
        await c.ExecuteAsync(
            $"""
            INSERT INTO plans (id, project_id, version, status, plan_json, forecast_json, requirements_json, model_used,
                               prompt_tokens, completion_tokens, cost_nanos, created_at, replan_of, kept_task_ids_json)
            VALUES (@Id, @ProjectId, (SELECT COALESCE(MAX(version), 0) + 1 FROM plans WHERE project_id = @ProjectId), '{PlanStatusNames.Draft}',
                    @PlanJson, @ForecastJson, @RequirementsJson, @ModelUsed, @PromptTokens, @CompletionTokens, @CostNanos, @CreatedAt,
                    @ReplanOf, @KeptTaskIdsJson)
            """, plan, tx);
        return await GetAsync(c, tx, ownerId, plan.ProjectId, plan.Id);
    }

    public static async Task<IReadOnlyList<PlanRecord>?> ListAsync(IDbConnection c, string ownerId, string projectId, CancellationToken cancellationToken)
    {
        if (!await ProjectExistsAsync(c, null, ownerId, projectId))
        {
            return null;
        }
        var plans = await c.QueryAsync<PlanRecord>(new CommandDefinition(
            $"SELECT {Columns} {Owned} WHERE pl.project_id = @projectId ORDER BY pl.version DESC",
            new { ownerId, projectId }, cancellationToken: cancellationToken));
        return plans.ToList();
    }

    public static Task<PlanRecord?> GetCurrentAsync(IDbConnection c, string ownerId, string projectId, CancellationToken cancellationToken) =>
        c.QueryFirstOrDefaultAsync<PlanRecord>(new CommandDefinition(
            $"""
            SELECT {Columns} {Owned} WHERE pl.project_id = @projectId AND pl.status IN ('{PlanStatusNames.Approved}', '{PlanStatusNames.Draft}')
            ORDER BY pl.status = '{PlanStatusNames.Approved}' DESC, pl.version DESC LIMIT 1
            """, new { ownerId, projectId }, cancellationToken: cancellationToken));

    public static async Task<PlanRecord?> UpdateDraftAsync(
        IDbConnection c, IDbTransaction tx, string ownerId, string projectId, string planId, string planJson, string forecastJson)
    {
        var current = await GetAsync(c, tx, ownerId, projectId, planId);
        if (current is null)
        {
            return null;
        }
        EnsureDraft(current, "edited");
        await c.ExecuteAsync(
            $"UPDATE plans SET plan_json = @planJson, forecast_json = @forecastJson WHERE id = @planId AND status = '{PlanStatusNames.Draft}'",
            new { planJson, forecastJson, planId }, tx);
        return await GetAsync(c, tx, ownerId, projectId, planId);
    }

    public static Task<PlanRecord?> GetAsync(IDbConnection c, IDbTransaction? tx, string ownerId, string projectId, string planId) =>
        c.QuerySingleOrDefaultAsync<PlanRecord>(
            $"SELECT {Columns} {Owned} WHERE pl.id = @planId AND pl.project_id = @projectId", new { ownerId, projectId, planId }, tx);

    private static void EnsureDraft(PlanRecord plan, string action)
    {
        if (plan.StatusValue != PlanStatus.Draft)
        {
            throw new PlanConflictException($"Plan version {plan.Version} is {plan.Status}; only a draft can be {action}.");
        }
    }

    private static async Task<bool> ProjectExistsAsync(IDbConnection c, IDbTransaction? tx, string ownerId, string projectId) =>
        await c.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM projects WHERE id = @projectId AND owner_id = @ownerId", new { projectId, ownerId }, tx) > 0;
}
