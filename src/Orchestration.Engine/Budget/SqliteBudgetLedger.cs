using System.Data;
using Dapper;
using Microsoft.Data.Sqlite;
using Orchestration.Core.Configuration;
using Orchestration.Core.Domain;
using Orchestration.Engine.Models;
using Orchestration.Storage.Sqlite;

namespace Orchestration.Engine.Budget;

/// <summary>
/// The ledger on SQLite. Each reservation is one BEGIN IMMEDIATE transaction that reads what is settled (from
/// budget_totals) and reserved, checks every cap and inserts the reservation; the write lock makes the check and
/// the insert one atomic step across threads and processes.
/// </summary>
internal sealed partial class SqliteBudgetLedger(
    SqliteDatabase database,
    BudgetOptions budget,
    BudgetLedgerOptions options,
    BudgetWarnings warnings,
    TimeProvider time) : IBudgetLedger, IDisposable
{
    // NOTE: settled + reserved is checked against the caps for every period at once, and outstanding reservations
    // count against all of them regardless of the day they were made, so a reservation settled after midnight
    // still fits the cap of the day it lands in.
    internal const string FiguresSql =
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
        """;

    private const string InsertReservationSql =
        """
        INSERT INTO budget_reservations (id, user_id, project_id, amount_nanos, created_at, owner, lease_expires_at)
        VALUES (@Id, @UserId, @ProjectId, @Amount, @Now, @Owner, @LeaseExpiresAt)
        """;

    // Writers of this process queue here instead of in SQLite's busy handler, which sleeps between retries;
    // the transaction still guards against other processes.
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    public async Task<BudgetReservation> ReserveAsync(ModelCallContext context, decimal worstCaseUsd, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(worstCaseUsd);
        var id = Ids.New();
        var amount = Money.ToNanos(worstCaseUsd);
        if (amount == 0)
        {
            // A free call holds nothing, so no cap can refuse it (Ollama-only work continues when paid caps are spent).
            return new BudgetReservation(id, context.UserId, context.ProjectId, 0m);
        }

        var now = time.GetUtcNow();
        var period = BudgetPeriod.At(now);
        var refusal = await WriteAsync(async (c, tx) =>
        {
            var figures = await ReadFiguresAsync(c, tx, period, context.ProjectId);
            var refused = figures.Caps(budget, period, context.ProjectId).FirstOrDefault(cap => !cap.Admits(amount));
            if (refused is null)
            {
                await c.ExecuteAsync(InsertReservationSql, new
                {
                    Id = id,
                    context.UserId,
                    context.ProjectId,
                    Amount = amount,
                    Now = now.ToEpoch(),
                    Owner = options.InstanceId,
                    LeaseExpiresAt = (now + options.Lease).ToEpoch(),
                }, tx);
            }
            return refused;
        }, cancellationToken);

        if (refusal is not null)
        {
            var message = refusal.RefusalMessage(amount);
            if (context.ProjectId is not null)
            {
                await warnings.OnRefusedAsync(context.ProjectId, refusal, amount, message, cancellationToken);
            }
            throw new BudgetExceededException(refusal.Scope, Money.FromNanos(refusal.LimitNanos), message);
        }
        return new BudgetReservation(id, context.UserId, context.ProjectId, Money.FromNanos(amount));
    }

    public void Dispose() => _writeGate.Dispose();

    private static Task<BudgetFigures> ReadFiguresAsync(SqliteConnection c, IDbTransaction tx, BudgetPeriod period, string? projectId) =>
        c.QuerySingleAsync<BudgetFigures>(FiguresSql, new { period.Day, period.Month, ProjectId = projectId }, tx);

    private async Task<T> WriteAsync<T>(Func<SqliteConnection, IDbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            return await database.WriteAsync(work, cancellationToken);
        }
        finally
        {
            _writeGate.Release();
        }
    }
}
