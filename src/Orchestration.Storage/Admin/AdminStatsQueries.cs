using System.Data;
using Dapper;
using Orchestration.Core.Lifecycle;

namespace Orchestration.Storage.Admin;

/// <summary>The administrators' statistics on an open connection, in SQL every backend reads alike (flags and conditions
/// are counted with COUNT(*) FILTER), but for what <see cref="SqlDialect"/> spells.</summary>
internal static class AdminStatsQueries
{
    public static async Task<SystemStats> StatsAsync(IDbConnection c)
    {
        var users = await c.QuerySingleAsync<(long Total, long Active)>("SELECT COUNT(*), COUNT(*) FILTER (WHERE is_active) FROM users");
        var projects = (await c.QueryAsync<(string Status, long Count)>("SELECT status, COUNT(*) FROM projects GROUP BY status")).ToDictionary(x => x.Status, x => x.Count);
        var tasks = (await c.QueryAsync<(string Status, long Count)>("SELECT status, COUNT(*) FROM tasks GROUP BY status")).ToDictionary(x => x.Status, x => x.Count);
        var spend = (await c.QueryAsync<(string Model, long Cost)>("SELECT model, SUM(cost_nanos) FROM usage_records GROUP BY model")).ToDictionary(x => x.Model, x => x.Cost);
        return new SystemStats(users.Total, users.Active, projects.Values.Sum(), projects, tasks.Values.Sum(), tasks, spend.Values.Sum(), spend);
    }

    public static async Task<UsageOverview> UsageOverviewAsync(IDbConnection c, double since)
    {
        const string Sums = "COUNT(*) AS api_calls, SUM(prompt_tokens) AS prompt_tokens, SUM(completion_tokens) AS completion_tokens, SUM(cost_nanos) AS cost_nanos";
        var totals = await c.QuerySingleAsync<(long Calls, long Tokens, long Cost, long Projects)>(
            "SELECT COUNT(*), COALESCE(SUM(prompt_tokens + completion_tokens), 0), COALESCE(SUM(cost_nanos), 0), COUNT(DISTINCT project_id) FROM usage_records WHERE created_at >= @since",
            new { since });
        var byPurpose = await c.QueryAsync<UsageGroup>($"SELECT purpose AS key, NULL AS provider, {Sums} FROM usage_records WHERE created_at >= @since GROUP BY purpose ORDER BY cost_nanos DESC, key", new { since });
        var byProvider = await c.QueryAsync<UsageGroup>($"SELECT provider AS key, provider, {Sums} FROM usage_records WHERE created_at >= @since GROUP BY provider ORDER BY cost_nanos DESC, key", new { since });
        var byModel = await c.QueryAsync<UsageGroup>($"SELECT model AS key, MAX(provider) AS provider, {Sums} FROM usage_records WHERE created_at >= @since GROUP BY model ORDER BY cost_nanos DESC, key", new { since });
        return new UsageOverview(totals.Cost, totals.Calls, totals.Tokens, totals.Projects, byPurpose.ToList(), byProvider.ToList(), byModel.ToList());
    }

    public static async Task<CostBreakdown> CostBreakdownAsync(IDbConnection c, SqlDialect dialect, double since)
    {
        var byTier = await c.QueryAsync<TierCost>(
            "SELECT model_tier, COUNT(*) AS task_count, SUM(cost_nanos) AS cost_nanos FROM tasks WHERE created_at >= @since GROUP BY model_tier ORDER BY cost_nanos DESC, model_tier",
            new { since });
        var byProject = await c.QueryAsync<ProjectCost>(
            """
            SELECT u.project_id, COALESCE(MAX(u.project_name), '') AS project_name,
                   (SELECT COUNT(*) FROM tasks t WHERE t.project_id = u.project_id) AS task_count, SUM(u.cost_nanos) AS cost_nanos
            FROM usage_records u WHERE u.created_at >= @since AND u.project_id IS NOT NULL
            GROUP BY u.project_id ORDER BY cost_nanos DESC
            """, new { since });
        var daily = await c.QueryAsync<DayUsage>(
            $"""
            SELECT {dialect.DayOf("created_at")} AS date, COUNT(*) AS api_calls, SUM(cost_nanos) AS cost_nanos
            FROM usage_records WHERE created_at >= @since GROUP BY date ORDER BY date
            """, new { since });
        var total = await c.ExecuteScalarAsync<long>("SELECT COALESCE(SUM(cost_nanos), 0) FROM usage_records WHERE created_at >= @since", new { since });
        return new CostBreakdown(byTier.ToList(), byProject.ToList(), daily.ToList(), total);
    }

    public static async Task<IReadOnlyList<TierOutcome>> OutcomesByTierAsync(IDbConnection c, double since) => (await c.QueryAsync<TierOutcome>(
        $"""
        SELECT model_tier, COUNT(*) AS total,
               COUNT(*) FILTER (WHERE status = '{TaskStatusNames.Completed}') AS completed,
               COUNT(*) FILTER (WHERE status = '{TaskStatusNames.Failed}') AS failed,
               COUNT(*) FILTER (WHERE status = '{TaskStatusNames.NeedsReview}') AS needs_review,
               COUNT(*) FILTER (WHERE verification_status IS NOT NULL AND verification_status <> 'skipped') AS total_verified,
               COUNT(*) FILTER (WHERE verification_status = 'passed') AS passed,
               COUNT(*) FILTER (WHERE verification_status = 'gaps_found') AS gaps_found,
               COUNT(*) FILTER (WHERE verification_status = 'human_needed') AS human_needed,
               COUNT(*) FILTER (WHERE retry_count > 0) AS tasks_with_retries, SUM(retry_count) AS total_retries, SUM(cost_nanos) AS cost_nanos
        FROM tasks WHERE created_at >= @since GROUP BY model_tier ORDER BY model_tier
        """, new { since })).ToList();

    public static async Task<Efficiency> EfficiencyAsync(IDbConnection c, SqlDialect dialect, IReadOnlyList<TierOutcome> tiers, double since)
    {
        // NOTE: checkpoints arrive with task intelligence; before that table exists there are none to count.
        var hasCheckpoints = await c.ExecuteScalarAsync<long>(dialect.TableExists, new { table = "checkpoints" }) > 0;
        var checkpoints = hasCheckpoints
            ? await c.QuerySingleAsync<(long All, long Open)>(
                "SELECT COUNT(*), COUNT(*) FILTER (WHERE resolved_at IS NULL) FROM checkpoints WHERE created_at >= @since", new { since })
            : (0, 0);
        var waves = await c.QueryAsync<WaveThroughput>(
            """
            SELECT t.project_id, p.name AS project_name, t.wave, COUNT(*) AS task_count,
                   AVG(CASE WHEN t.started_at IS NOT NULL AND t.completed_at IS NOT NULL THEN t.completed_at - t.started_at END) AS avg_duration_seconds
            FROM tasks t JOIN projects p ON p.id = t.project_id
            WHERE t.created_at >= @since GROUP BY t.project_id, p.name, t.wave ORDER BY p.name, t.wave LIMIT 500
            """, new { since });
        return new Efficiency(tiers, checkpoints.All, checkpoints.Open, waves.ToList());
    }
}
