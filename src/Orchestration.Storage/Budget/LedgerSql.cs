using Orchestration.Core.Lifecycle;

namespace Orchestration.Storage.Budget;

/// <summary>The ledger's statements, prepared once per connection by <see cref="LedgerStatements"/>; those that read
/// the same on PostgreSQL are shared with <see cref="PostgresBudgetStore"/>.</summary>
internal static class LedgerSql
{
    /// <summary>One user's own spend since @DayStart and @MonthStart (epoch seconds) and what their calls in flight hold.</summary>
    public const string OwnFigures =
        """
        SELECT
          (SELECT COALESCE(SUM(cost_nanos), 0) FROM usage_records WHERE user_id = @UserId AND created_at >= @DayStart) AS spent_day,
          (SELECT COALESCE(SUM(cost_nanos), 0) FROM usage_records WHERE user_id = @UserId AND created_at >= @MonthStart) AS spent_month,
          (SELECT COALESCE(SUM(amount_nanos), 0) FROM budget_reservations WHERE user_id = @UserId) AS reserved
        """;

    /// <summary>Releases what owners other than @Owner hold, unless the owner is a node alive since @LiveSince.</summary>
    public const string ReleaseOrphans =
        """
        DELETE FROM budget_reservations
        WHERE owner <> @Owner AND owner NOT IN (SELECT id FROM cluster_nodes WHERE heartbeat_at >= @LiveSince)
        """;

    /// <summary>The project's approved plan: its id, its high forecast and the project's spend when it was approved.
    /// Appended to both backends' cap figures.</summary>
    public const string ForecastColumns =
        $"""
        ,
          (SELECT id FROM plans WHERE project_id = @ProjectId AND status = '{PlanStatusNames.Approved}' LIMIT 1) AS forecast_plan_id,
          (SELECT forecast_high_nanos FROM plans WHERE project_id = @ProjectId AND status = '{PlanStatusNames.Approved}' LIMIT 1) AS forecast_high_nanos,
          (SELECT spent_at_approval_nanos FROM plans WHERE project_id = @ProjectId AND status = '{PlanStatusNames.Approved}' LIMIT 1) AS spent_at_approval_nanos
        """;

    // NOTE: settled + reserved is checked against the caps for every period at once, and outstanding reservations
    // count against all of them regardless of the day they were made, so a reservation settled after midnight
    // still fits the cap of the day it lands in.
    public const string Figures =
        """
        SELECT
          (SELECT COALESCE(SUM(amount_nanos), 0) FROM budget_reservations) AS reserved_total,
          (SELECT COALESCE(SUM(amount_nanos), 0) FROM budget_reservations WHERE project_id = @ProjectId) AS reserved_project,
          COALESCE((SELECT spent_nanos FROM budget_totals WHERE scope = 'day' AND period = @Day), 0) AS spent_day,
          COALESCE((SELECT spent_nanos FROM budget_totals WHERE scope = 'month' AND period = @Month), 0) AS spent_month,
          COALESCE((SELECT spent_nanos FROM budget_totals WHERE scope = 'project' AND period = @ProjectId), 0) AS spent_project,
          (SELECT CASE WHEN json_valid(config) THEN
                    CASE WHEN json_type(config, '$.budget.per_project_limit_usd') IN ('integer', 'real')
                         THEN json_extract(config, '$.budget.per_project_limit_usd') * 1.0 END END
           FROM projects WHERE id = @ProjectId) AS project_limit_usd
        """ + ForecastColumns;

    public const string InsertReservation =
        """
        INSERT INTO budget_reservations (id, user_id, project_id, amount_nanos, created_at, owner, lease_expires_at)
        VALUES (@Id, @UserId, @ProjectId, @Amount, @Now, @Owner, @LeaseExpiresAt)
        """;

    public const string DeleteReservation = "DELETE FROM budget_reservations WHERE id = @Id";

    // NOTE: the usage row takes the reservation's id, so settling or releasing the same reservation twice records
    // the call once; and the spend counters move only when the row is really written.
    public const string InsertUsage =
        """
        INSERT OR IGNORE INTO usage_records (id, created_at, user_id, project_id, project_name, task_id, purpose, provider, model,
            prompt_tokens, completion_tokens, cache_write_tokens, cache_read_tokens, cost_nanos, latency_ms, outcome)
        VALUES (@Id, @Now, @UserId, @ProjectId, (SELECT name FROM projects WHERE id = @ProjectId), @TaskId, @Purpose, @Provider, @Model,
            @PromptTokens, @CompletionTokens, @CacheWriteTokens, @CacheReadTokens, @Cost, @LatencyMs, @Outcome)
        """;

    // The existing total is named by its table: PostgreSQL finds a bare spent_nanos ambiguous beside excluded's.
    public const string AddToTotals =
        """
        INSERT INTO budget_totals (scope, period, spent_nanos)
        SELECT 'day', @Day, @Cost
        UNION ALL SELECT 'month', @Month, @Cost
        UNION ALL SELECT 'project', @ProjectId, @Cost WHERE @ProjectId IS NOT NULL
        ON CONFLICT (scope, period) DO UPDATE SET spent_nanos = budget_totals.spent_nanos + excluded.spent_nanos
        """;
}
