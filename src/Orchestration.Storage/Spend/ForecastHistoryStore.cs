using Dapper;
using Orchestration.Core.Domain;
using Orchestration.Core.Lifecycle;
using Orchestration.Core.Planning;

namespace Orchestration.Storage.Spend;

/// <summary>The forecast history reads on either backend (the SQL reads the same).</summary>
internal sealed class ForecastHistoryStore(ISqlDatabase database) : IForecastHistoryStore
{
    public Task<IReadOnlyList<TaskTokenSample>> GetTaskSamplesAsync(int limit, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<TaskTokenSample>>(async c =>
        {
            var rows = await c.QueryAsync<SampleRow>(new CommandDefinition(
                $"""
                SELECT t.task_type, t.complexity, t.model_tier,
                       SUM(CASE WHEN u.purpose = 'execution' THEN u.prompt_tokens ELSE 0 END) AS prompt_tokens,
                       SUM(CASE WHEN u.purpose = 'execution' THEN u.completion_tokens ELSE 0 END) AS completion_tokens,
                       SUM(CASE WHEN u.purpose = 'execution' THEN 0 ELSE u.cost_nanos END) AS other_cost_nanos
                FROM tasks t JOIN usage_records u ON u.task_id = t.id
                WHERE t.status = '{TaskStatusNames.Completed}'
                GROUP BY t.id, t.task_type, t.complexity, t.model_tier
                ORDER BY MAX(u.created_at) DESC
                LIMIT @limit
                """, new { limit }, cancellationToken: cancellationToken));
            return rows
                .Where(r => WireNames.TryParse<TaskComplexity>(r.Complexity, out _) && WireNames.TryParse<ModelTier>(r.ModelTier, out _))
                .Select(r => new TaskTokenSample(r.TaskType, WireNames.Parse<TaskComplexity>(r.Complexity), WireNames.Parse<ModelTier>(r.ModelTier),
                    r.PromptTokens, r.CompletionTokens, r.OtherCostNanos))
                .ToList();
        }, cancellationToken);

    public Task<IReadOnlyList<FinishedRunSpend>> GetFinishedRunsAsync(string? userId, int limit, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<FinishedRunSpend>>(async c => (await c.QueryAsync<RunRow>(new CommandDefinition(
            $"""
            SELECT pl.id AS plan_id, p.id AS project_id, p.name AS project_name, pl.forecast_json,
                   (SELECT COALESCE(SUM(u.cost_nanos), 0) FROM usage_records u
                    WHERE u.project_id = pl.project_id AND u.created_at >= pl.approved_at
                      AND (NOT EXISTS (SELECT 1 FROM plans n WHERE n.project_id = pl.project_id AND n.approved_at > pl.approved_at)
                           OR u.created_at < (SELECT MIN(n.approved_at) FROM plans n WHERE n.project_id = pl.project_id AND n.approved_at > pl.approved_at))
                   ) AS actual_nanos
            FROM plans pl JOIN projects p ON p.id = pl.project_id
            WHERE pl.approved_at IS NOT NULL AND p.status IN ('{ProjectStatus.Completed.ToWire()}', '{ProjectStatus.Failed.ToWire()}')
                  {(userId is null ? "" : "AND p.owner_id = @userId")}
            ORDER BY pl.approved_at DESC
            LIMIT @limit
            """, new { userId, limit }, cancellationToken: cancellationToken)))
            .Select(r => new FinishedRunSpend(r.PlanId, r.ProjectId, r.ProjectName, r.ForecastJson, r.ActualNanos)).ToList(), cancellationToken);

    private sealed class RunRow
    {
        public string PlanId { get; init; } = "";
        public string ProjectId { get; init; } = "";
        public string ProjectName { get; init; } = "";
        public string ForecastJson { get; init; } = "{}";
        public long ActualNanos { get; init; }
    }

    private sealed class SampleRow
    {
        public string TaskType { get; init; } = "";
        public string Complexity { get; init; } = "";
        public string ModelTier { get; init; } = "";
        public long PromptTokens { get; init; }
        public long CompletionTokens { get; init; }
        public long OtherCostNanos { get; init; }
    }
}
