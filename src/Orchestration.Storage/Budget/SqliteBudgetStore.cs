using Dapper;
using Orchestration.Core.Budget;
using Orchestration.Core.Domain;
using Orchestration.Storage.Sqlite;
using Orchestration.Storage.Usage;

namespace Orchestration.Storage.Budget;

/// <summary>
/// The budget on SQLite. A reservation runs in a BEGIN IMMEDIATE transaction that reads what is settled (from
/// budget_totals) and reserved, lets the caller check every cap and inserts the reservation; the write lock makes the
/// check and the insert one atomic step across threads and processes.
/// </summary>
internal sealed class SqliteBudgetStore(SqliteDatabase database) : IBudgetStore
{
    public Task<BudgetCap?> ReserveAsync(
        NewBudgetReservation reservation, BudgetPeriod period, Func<BudgetFigures, BudgetCap?> refusal, CancellationToken cancellationToken) =>
        WriteAsync(sql =>
        {
            var refused = refusal(sql.ReadFigures(period, reservation.ProjectId));
            if (refused is null)
            {
                sql.InsertReservation(reservation);
            }
            return refused;
        }, cancellationToken);

    public Task<BudgetFigures?> CloseAsync(
        string reservationId, UsageRecord? usage, BudgetPeriod period, double now, CancellationToken cancellationToken) =>
        WriteAsync(sql =>
        {
            sql.DeleteReservation(reservationId);
            var cost = usage is null ? 0 : Money.ToNanos(usage.CostUsd);
            if (usage is null || sql.InsertUsage(reservationId, now, usage, cost) == 0 || cost == 0)
            {
                return null;
            }
            sql.AddToTotals(period, usage.ProjectId, cost);
            return usage.ProjectId is null ? null : sql.ReadFigures(period, usage.ProjectId);
        }, cancellationToken);

    public Task<(long SpentDay, long SpentMonth, long Reserved)> ReadOwnAsync(string userId, double dayStart, double monthStart,
        CancellationToken cancellationToken) =>
        database.ReadAsync(c => c.QuerySingleAsync<(long, long, long)>(new CommandDefinition(
            LedgerSql.OwnFigures, new { UserId = userId, DayStart = dayStart, MonthStart = monthStart }, cancellationToken: cancellationToken)), cancellationToken);

    public Task<BudgetFigures> ReadFiguresAsync(BudgetPeriod period, string? projectId, CancellationToken cancellationToken) =>
        database.ReadAsync(c => c.QuerySingleAsync<BudgetFigures>(new CommandDefinition(
            LedgerSql.Figures, new { period.Day, period.Month, ProjectId = projectId },
            cancellationToken: cancellationToken)), cancellationToken);

    public Task<int> ReleaseOrphansAsync(string owner, double liveSince, CancellationToken cancellationToken) =>
        WriteAsync(sql => sql.Connection.Execute(LedgerSql.ReleaseOrphans, new { Owner = owner, LiveSince = liveSince }, sql.Transaction),
            cancellationToken);

    public Task<int> ReleaseExpiredAsync(double now, CancellationToken cancellationToken) =>
        WriteAsync(sql => sql.Connection.Execute(
            "DELETE FROM budget_reservations WHERE lease_expires_at <= @Now", new { Now = now }, sql.Transaction), cancellationToken);

    /// <summary>One piece of the process's group commit: the ledger's writes share commits with every other write
    /// (no second writer queueing in SQLite's busy handler); the transaction's write lock still guards against other
    /// processes.</summary>
    private Task<T> WriteAsync<T>(Func<LedgerStatements, T> work, CancellationToken cancellationToken) =>
        database.WriteAsync((c, tx) => Task.FromResult(work(new LedgerStatements(c, tx))), cancellationToken);
}
