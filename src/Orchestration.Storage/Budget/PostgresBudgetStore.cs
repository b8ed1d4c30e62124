using System.Data;
using System.Text.Json;
using Dapper;
using Orchestration.Core.Budget;
using Orchestration.Core.Domain;
using Orchestration.Storage.Postgres;
using Orchestration.Storage.Usage;

namespace Orchestration.Storage.Budget;

/// <summary>
/// The budget on PostgreSQL. NOTE: a reservation takes the budget lock (<see cref="PostgresLocks.Budget"/>, a
/// transaction-level advisory lock) before it reads the figures, and holds it until its insert commits: every cap counts
/// every reservation, so reservations queue on that one lock, across connections and servers, as on SQLite's one writer.
/// Closing needs no lock: it deletes the reservation and adds the spend in one commit, and the figures are one statement
/// (one snapshot), which sees both or neither.
/// </summary>
internal sealed class PostgresBudgetStore(PostgresDatabase database) : IBudgetStore
{
    // LedgerSql.Figures, with the project's config read as text: whether it is JSON with a numeric
    // budget.per_project_limit_usd is decided by ProjectLimitUsd (PostgreSQL cannot test a text for JSON without raising).
    private const string Figures =
        """
        SELECT
          (SELECT COALESCE(SUM(amount_nanos), 0) FROM budget_reservations)::bigint AS reserved_total,
          (SELECT COALESCE(SUM(amount_nanos), 0) FROM budget_reservations WHERE project_id = @ProjectId)::bigint AS reserved_project,
          COALESCE((SELECT spent_nanos FROM budget_totals WHERE scope = 'day' AND period = @Day), 0) AS spent_day,
          COALESCE((SELECT spent_nanos FROM budget_totals WHERE scope = 'month' AND period = @Month), 0) AS spent_month,
          COALESCE((SELECT spent_nanos FROM budget_totals WHERE scope = 'project' AND period = @ProjectId), 0) AS spent_project,
          (SELECT config FROM projects WHERE id = @ProjectId) AS project_config
        """ + LedgerSql.ForecastColumns;

    // LedgerSql.InsertUsage: a second close of the same reservation writes nothing.
    private const string InsertUsage =
        """
        INSERT INTO usage_records (id, created_at, user_id, project_id, project_name, task_id, purpose, provider, model,
            prompt_tokens, completion_tokens, cache_write_tokens, cache_read_tokens, cost_nanos, latency_ms, outcome)
        VALUES (@Id, @Now, @UserId, @ProjectId, (SELECT name FROM projects WHERE id = @ProjectId), @TaskId, @Purpose, @Provider, @Model,
            @PromptTokens, @CompletionTokens, @CacheWriteTokens, @CacheReadTokens, @Cost, @LatencyMs, @Outcome)
        ON CONFLICT (id) DO NOTHING
        """;

    public Task<BudgetCap?> ReserveAsync(
        NewBudgetReservation reservation, BudgetPeriod period, Func<BudgetFigures, BudgetCap?> refusal, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, tx) =>
        {
            await PostgresLocks.TakeAsync(c, tx, PostgresLocks.Budget);
            var refused = refusal(await ReadFiguresAsync(c, tx, period, reservation.ProjectId));
            if (refused is null)
            {
                await c.ExecuteAsync(LedgerSql.InsertReservation, new
                {
                    reservation.Id, reservation.UserId, reservation.ProjectId, Amount = reservation.AmountNanos, Now = reservation.CreatedAt,
                    reservation.Owner, reservation.LeaseExpiresAt,
                }, tx);
            }
            return refused;
        }, cancellationToken);

    public Task<BudgetFigures?> CloseAsync(
        string reservationId, UsageRecord? usage, BudgetPeriod period, double now, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, tx) =>
        {
            await c.ExecuteAsync(LedgerSql.DeleteReservation, new { Id = reservationId }, tx);
            var cost = usage is null ? 0 : Money.ToNanos(usage.CostUsd);
            if (usage is null || await InsertUsageAsync(c, tx, reservationId, now, usage, cost) == 0 || cost == 0)
            {
                return null;
            }
            await c.ExecuteAsync(LedgerSql.AddToTotals, new { period.Day, period.Month, usage.ProjectId, Cost = cost }, tx);
            return usage.ProjectId is null ? null : await ReadFiguresAsync(c, tx, period, usage.ProjectId);
        }, cancellationToken);

    public Task<(long SpentDay, long SpentMonth, long Reserved)> ReadOwnAsync(string userId, double dayStart, double monthStart,
        CancellationToken cancellationToken) =>
        database.ReadAsync(c => c.QuerySingleAsync<(long, long, long)>(new CommandDefinition(
            LedgerSql.OwnFigures, new { UserId = userId, DayStart = dayStart, MonthStart = monthStart }, cancellationToken: cancellationToken)), cancellationToken);

    public Task<BudgetFigures> ReadFiguresAsync(BudgetPeriod period, string? projectId, CancellationToken cancellationToken) =>
        database.ReadAsync(c => ReadFiguresAsync(c, null, period, projectId), cancellationToken);

    public Task<int> ReleaseOrphansAsync(string owner, double liveSince, CancellationToken cancellationToken) =>
        database.WriteAsync((c, tx) => c.ExecuteAsync(LedgerSql.ReleaseOrphans, new { Owner = owner, LiveSince = liveSince }, tx),
            cancellationToken);

    public Task<int> ReleaseExpiredAsync(double now, CancellationToken cancellationToken) =>
        database.WriteAsync((c, tx) => c.ExecuteAsync("DELETE FROM budget_reservations WHERE lease_expires_at <= @Now", new { Now = now }, tx),
            cancellationToken);

    private static async Task<BudgetFigures> ReadFiguresAsync(IDbConnection c, IDbTransaction? tx, BudgetPeriod period, string? projectId)
    {
        var row = await c.QuerySingleAsync<FiguresRow>(Figures, new { period.Day, period.Month, ProjectId = projectId }, tx);
        return new BudgetFigures
        {
            ReservedTotal = row.ReservedTotal,
            ReservedProject = row.ReservedProject,
            SpentDay = row.SpentDay,
            SpentMonth = row.SpentMonth,
            SpentProject = row.SpentProject,
            ProjectLimitUsd = ProjectLimitUsd(row.ProjectConfig),
            ForecastPlanId = row.ForecastPlanId,
            ForecastHighNanos = row.ForecastHighNanos,
            SpentAtApprovalNanos = row.SpentAtApprovalNanos,
        };
    }

    private static Task<int> InsertUsageAsync(IDbConnection c, IDbTransaction tx, string id, double now, UsageRecord u, long cost) =>
        c.ExecuteAsync(InsertUsage, new
        {
            Id = id, Now = now, u.UserId, u.ProjectId, u.TaskId, Purpose = u.Purpose.ToWire(), u.Provider, u.Model, u.PromptTokens,
            u.CompletionTokens, u.CacheWriteTokens, u.CacheReadTokens, Cost = cost, u.LatencyMs, u.Outcome,
        }, tx);

    /// <summary>The project config's budget.per_project_limit_usd when the config is JSON and that value is a number, as
    /// SQLite's json_valid and json_type read it.</summary>
    internal static double? ProjectLimitUsd(string? config)
    {
        if (config is null)
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(config);
            return document.RootElement is { ValueKind: JsonValueKind.Object } root
                   && root.TryGetProperty("budget", out var budget) && budget.ValueKind == JsonValueKind.Object
                   && budget.TryGetProperty("per_project_limit_usd", out var limit) && limit.ValueKind == JsonValueKind.Number
                ? limit.GetDouble()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed class FiguresRow
    {
        public long ReservedTotal { get; init; }
        public long ReservedProject { get; init; }
        public long SpentDay { get; init; }
        public long SpentMonth { get; init; }
        public long SpentProject { get; init; }
        public string? ProjectConfig { get; init; }
        public string? ForecastPlanId { get; init; }
        public long? ForecastHighNanos { get; init; }
        public long? SpentAtApprovalNanos { get; init; }
    }
}
