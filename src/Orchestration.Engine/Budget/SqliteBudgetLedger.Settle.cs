using Dapper;
using Orchestration.Core.Domain;
using Orchestration.Engine.Usage;

namespace Orchestration.Engine.Budget;

internal sealed partial class SqliteBudgetLedger
{
    // NOTE: the usage row takes the reservation's id, so settling or releasing the same reservation twice records
    // the call once; and the spend counters move only when the row is really written.
    private const string InsertUsageSql =
        """
        INSERT OR IGNORE INTO usage_records (id, created_at, user_id, project_id, project_name, task_id, purpose, provider, model,
            prompt_tokens, completion_tokens, cache_write_tokens, cache_read_tokens, cost_nanos, latency_ms, outcome)
        VALUES (@Id, @Now, @UserId, @ProjectId, (SELECT name FROM projects WHERE id = @ProjectId), @TaskId, @Purpose, @Provider, @Model,
            @PromptTokens, @CompletionTokens, @CacheWriteTokens, @CacheReadTokens, @Cost, @LatencyMs, @Outcome)
        """;

    private const string AddToTotalsSql =
        """
        INSERT INTO budget_totals (scope, period, spent_nanos)
        SELECT 'day', @Day, @Cost
        UNION ALL SELECT 'month', @Month, @Cost
        UNION ALL SELECT 'project', @ProjectId, @Cost WHERE @ProjectId IS NOT NULL
        ON CONFLICT (scope, period) DO UPDATE SET spent_nanos = spent_nanos + excluded.spent_nanos
        """;

    public Task SettleAsync(BudgetReservation reservation, UsageRecord usage, CancellationToken cancellationToken) =>
        CloseAsync(reservation, usage, cancellationToken);

    public Task ReleaseAsync(BudgetReservation reservation, UsageRecord? usage, CancellationToken cancellationToken) =>
        CloseAsync(reservation, usage, cancellationToken);

    private async Task CloseAsync(BudgetReservation reservation, UsageRecord? usage, CancellationToken cancellationToken)
    {
        var cost = usage is null ? 0 : Money.ToNanos(usage.CostUsd);
        ArgumentOutOfRangeException.ThrowIfNegative(cost);
        var now = time.GetUtcNow();
        var period = BudgetPeriod.At(now);

        var figures = await WriteAsync(async (c, tx) =>
        {
            await c.ExecuteAsync("DELETE FROM budget_reservations WHERE id = @Id", new { reservation.Id }, tx);
            if (usage is null)
            {
                return null;
            }
            var written = await c.ExecuteAsync(InsertUsageSql, new
            {
                reservation.Id,
                Now = now.ToEpoch(),
                usage.UserId,
                usage.ProjectId,
                usage.TaskId,
                Purpose = usage.Purpose.ToWire(),
                usage.Provider,
                usage.Model,
                usage.PromptTokens,
                usage.CompletionTokens,
                usage.CacheWriteTokens,
                usage.CacheReadTokens,
                Cost = cost,
                usage.LatencyMs,
                usage.Outcome,
            }, tx);
            if (written == 0 || cost == 0)
            {
                return null;
            }
            await c.ExecuteAsync(AddToTotalsSql, new { period.Day, period.Month, usage.ProjectId, Cost = cost }, tx);
            return usage.ProjectId is null ? null : await ReadFiguresAsync(c, tx, period, usage.ProjectId);
        }, cancellationToken);

        if (figures is not null)
        {
            await warnings.OnSettledAsync(usage!.ProjectId!, figures.Caps(budget, period, usage.ProjectId), cancellationToken);
        }
    }
}
