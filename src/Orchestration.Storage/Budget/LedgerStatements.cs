using System.Data;
using Microsoft.Data.Sqlite;
using Orchestration.Core.Budget;
using Orchestration.Core.Domain;
using Orchestration.Storage.Sqlite;
using Orchestration.Storage.Usage;

namespace Orchestration.Storage.Budget;

/// <summary>
/// The ledger's statements inside one write transaction (<see cref="SqliteDatabase.WriteAsync{T}"/>), each prepared
/// once on the write connection: preparing the cap check (subqueries and JSON functions) costs ten times more than
/// running it, and the ledger runs it on every model call.
/// </summary>
internal readonly struct LedgerStatements(SqliteConnection connection, IDbTransaction transaction)
{
    public SqliteConnection Connection => connection;

    public IDbTransaction Transaction => transaction;

    public BudgetFigures ReadFigures(BudgetPeriod period, string? projectId)
    {
        using var reader = connection.Prepared(transaction, LedgerSql.Figures)
            .With("@ProjectId", projectId).With("@Day", period.Day).With("@Month", period.Month)
            .ExecuteReader();
        reader.Read();
        return new BudgetFigures
        {
            ReservedTotal = reader.GetInt64(0),
            ReservedProject = reader.GetInt64(1),
            SpentDay = reader.GetInt64(2),
            SpentMonth = reader.GetInt64(3),
            SpentProject = reader.GetInt64(4),
            ProjectLimitUsd = reader.IsDBNull(5) ? null : reader.GetDouble(5),
            ForecastPlanId = reader.IsDBNull(6) ? null : reader.GetString(6),
            ForecastHighNanos = reader.IsDBNull(7) ? null : reader.GetInt64(7),
            SpentAtApprovalNanos = reader.IsDBNull(8) ? null : reader.GetInt64(8),
        };
    }

    public void InsertReservation(NewBudgetReservation r) =>
        connection.Prepared(transaction, LedgerSql.InsertReservation)
            .With("@Id", r.Id).With("@UserId", r.UserId).With("@ProjectId", r.ProjectId).With("@Amount", r.AmountNanos)
            .With("@Now", r.CreatedAt).With("@Owner", r.Owner).With("@LeaseExpiresAt", r.LeaseExpiresAt)
            .ExecuteNonQuery();

    public void DeleteReservation(string id) =>
        connection.Prepared(transaction, LedgerSql.DeleteReservation).With("@Id", id).ExecuteNonQuery();

    /// <returns>1 when written, 0 when the reservation's usage was already recorded.</returns>
    public int InsertUsage(string id, double now, UsageRecord u, long costNanos) =>
        connection.Prepared(transaction, LedgerSql.InsertUsage)
            .With("@Id", id).With("@Now", now).With("@UserId", u.UserId).With("@ProjectId", u.ProjectId).With("@TaskId", u.TaskId)
            .With("@Purpose", u.Purpose.ToWire()).With("@Provider", u.Provider).With("@Model", u.Model)
            .With("@PromptTokens", u.PromptTokens).With("@CompletionTokens", u.CompletionTokens)
            .With("@CacheWriteTokens", u.CacheWriteTokens).With("@CacheReadTokens", u.CacheReadTokens)
            .With("@Cost", costNanos).With("@LatencyMs", u.LatencyMs).With("@Outcome", u.Outcome)
            .ExecuteNonQuery();

    public void AddToTotals(BudgetPeriod period, string? projectId, long costNanos) =>
        connection.Prepared(transaction, LedgerSql.AddToTotals)
            .With("@Day", period.Day).With("@Month", period.Month).With("@ProjectId", projectId).With("@Cost", costNanos)
            .ExecuteNonQuery();
}
