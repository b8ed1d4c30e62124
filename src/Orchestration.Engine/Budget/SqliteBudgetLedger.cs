using Orchestration.Core.Configuration;
using Orchestration.Core.Domain;
using Orchestration.Engine.Models;
using Orchestration.Storage.Sqlite;

namespace Orchestration.Engine.Budget;

/// <summary>
/// The ledger on SQLite. Each reservation runs in a BEGIN IMMEDIATE transaction that reads what is settled (from
/// budget_totals) and reserved, checks every cap and inserts the reservation; the write lock makes the check and
/// the insert one atomic step across threads and processes.
/// </summary>
internal sealed partial class SqliteBudgetLedger(
    SqliteDatabase database,
    BudgetOptions budget,
    BudgetLedgerOptions options,
    BudgetWarnings warnings,
    TimeProvider time) : IBudgetLedger
{
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
        var refusal = await WriteAsync(sql =>
        {
            var figures = sql.ReadFigures(period, context.ProjectId);
            var refused = figures.Caps(budget, period, context.ProjectId).FirstOrDefault(cap => !cap.Admits(amount));
            if (refused is null)
            {
                sql.InsertReservation(id, context, amount, now.ToEpoch(), options.InstanceId, (now + options.Lease).ToEpoch());
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

    /// <summary>One piece of the process's group commit: the ledger's writes share commits with every other write
    /// (no second writer queueing in SQLite's busy handler); the transaction's write lock still guards against other
    /// processes.</summary>
    private Task<T> WriteAsync<T>(Func<LedgerStatements, T> work, CancellationToken cancellationToken) =>
        database.WriteAsync((c, tx) => Task.FromResult(work(new LedgerStatements(c, tx))), cancellationToken);
}
