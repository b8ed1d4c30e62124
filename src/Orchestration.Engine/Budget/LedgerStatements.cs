using System.Data;
using Microsoft.Data.Sqlite;
using Orchestration.Core.Domain;
using Orchestration.Engine.Models;
using Orchestration.Engine.Usage;

namespace Orchestration.Engine.Budget;

/// <summary>
/// The ledger's connection with its statements prepared once: preparing the cap check (subqueries and JSON
/// functions) costs ten times more than running it, and the ledger runs it on every model call.
/// </summary>
internal sealed class LedgerStatements : IDisposable
{
    // NOTE: a WAL checkpoint costs two fsyncs whatever its size. Checkpointing after 10,000 pages (~40 MB of WAL)
    // rather than SQLite's 1,000 makes the ledger's commits pay them ten times less often (measured: the mean cost
    // of a call on disk nearly halves); other connections keep the default. Durability is unchanged.
    private const int AutoCheckpointPages = 10_000;
    private const int DefaultAutoCheckpointPages = 1_000;

    private readonly SqliteCommand _figures;
    private readonly SqliteCommand _insertReservation;
    private readonly SqliteCommand _deleteReservation;
    private readonly SqliteCommand _insertUsage;
    private readonly SqliteCommand _addToTotals;

    public LedgerStatements(SqliteConnection connection)
    {
        Connection = connection;
        SetAutoCheckpoint(AutoCheckpointPages);
        _figures = Prepare(LedgerSql.Figures, "ProjectId", "Day", "Month");
        _insertReservation = Prepare(LedgerSql.InsertReservation, "Id", "UserId", "ProjectId", "Amount", "Now", "Owner", "LeaseExpiresAt");
        _deleteReservation = Prepare(LedgerSql.DeleteReservation, "Id");
        _insertUsage = Prepare(LedgerSql.InsertUsage, "Id", "Now", "UserId", "ProjectId", "TaskId", "Purpose", "Provider", "Model",
            "PromptTokens", "CompletionTokens", "CacheWriteTokens", "CacheReadTokens", "Cost", "LatencyMs", "Outcome");
        _addToTotals = Prepare(LedgerSql.AddToTotals, "Day", "Month", "ProjectId", "Cost");
    }

    public SqliteConnection Connection { get; }

    public SqliteTransaction? Transaction { get; private set; }

    /// <summary>BEGIN IMMEDIATE: the write lock is taken before anything is read.</summary>
    public SqliteTransaction Begin()
    {
        Transaction = Connection.BeginTransaction(IsolationLevel.Serializable, deferred: false);
        foreach (var command in new[] { _figures, _insertReservation, _deleteReservation, _insertUsage, _addToTotals })
        {
            command.Transaction = Transaction;
        }
        return Transaction;
    }

    public BudgetFigures ReadFigures(BudgetPeriod period, string? projectId)
    {
        Bind(_figures, projectId, period.Day, period.Month);
        using var reader = _figures.ExecuteReader();
        reader.Read();
        return new BudgetFigures
        {
            ReservedTotal = reader.GetInt64(0),
            ReservedProject = reader.GetInt64(1),
            SpentDay = reader.GetInt64(2),
            SpentMonth = reader.GetInt64(3),
            SpentProject = reader.GetInt64(4),
            ProjectLimitUsd = reader.IsDBNull(5) ? null : reader.GetDouble(5),
        };
    }

    public void InsertReservation(string id, ModelCallContext context, long amountNanos, double now, string owner, double leaseExpiresAt) =>
        Execute(_insertReservation, id, context.UserId, context.ProjectId, amountNanos, now, owner, leaseExpiresAt);

    public void DeleteReservation(string id) => Execute(_deleteReservation, id);

    /// <returns>1 when written, 0 when the reservation's usage was already recorded.</returns>
    public int InsertUsage(string id, double now, UsageRecord u, long costNanos) =>
        Execute(_insertUsage, id, now, u.UserId, u.ProjectId, u.TaskId, u.Purpose.ToWire(), u.Provider, u.Model,
            u.PromptTokens, u.CompletionTokens, u.CacheWriteTokens, u.CacheReadTokens, costNanos, u.LatencyMs, u.Outcome);

    public void AddToTotals(BudgetPeriod period, string? projectId, long costNanos) =>
        Execute(_addToTotals, period.Day, period.Month, projectId, costNanos);

    public void Dispose()
    {
        foreach (var command in new[] { _figures, _insertReservation, _deleteReservation, _insertUsage, _addToTotals })
        {
            command.Dispose();
        }
        try
        {
            // The connection goes back to the shared pool: leave it as the others are.
            SetAutoCheckpoint(DefaultAutoCheckpointPages);
        }
        catch (SqliteException)
        {
            // A broken connection is dropped from the pool anyway.
        }
        Connection.Dispose();
    }

    private void SetAutoCheckpoint(int pages)
    {
        using var pragma = Connection.CreateCommand();
        pragma.CommandText = $"PRAGMA wal_autocheckpoint = {pages}";
        pragma.ExecuteNonQuery();
    }

    private SqliteCommand Prepare(string sql, params string[] parameters)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter("@" + name, DBNull.Value));
        }
        command.Prepare();
        return command;
    }

    private static int Execute(SqliteCommand command, params object?[] values)
    {
        Bind(command, values);
        return command.ExecuteNonQuery();
    }

    private static void Bind(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }
}
