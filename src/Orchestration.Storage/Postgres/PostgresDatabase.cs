using System.Data;
using Npgsql;

namespace Orchestration.Storage.Postgres;

/// <summary>
/// Connections to one PostgreSQL database from a pooled <see cref="NpgsqlDataSource"/>. Unlike SQLite's one writer,
/// many connections (and several servers) write at once: each write is its own READ COMMITTED transaction, and what
/// must not interleave takes row locks (<see cref="Execution.Postgres.PostgresExecutionTransaction"/> says which).
/// </summary>
public sealed class PostgresDatabase : ISqlDatabase, IAsyncDisposable
{
    // A deadlock victim (two transactions each waiting for a row the other locked; rare, and PostgreSQL breaks the
    // cycle within deadlock_timeout) is run again from the start, after the winner has gone on.
    private const int MaxAttempts = 5;

    private readonly NpgsqlDataSource _dataSource;

    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="node">The node every connection names as its application_name (the writer of the events it stores,
    /// migration 0008); a connection string's own Application Name is kept only when no node is given.</param>
    public PostgresDatabase(string connectionString, string? node = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (node is not null)
        {
            builder.ApplicationName = node;
        }
        if (builder.MaxAutoPrepare == 0)
        {
            // The hot statements (claims, guarded task writes, event appends) run for every task: each pooled
            // connection prepares a statement once it has run twice, which saves the server parsing and planning it.
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }
        DatabaseName = builder.Database ?? "";
        Host = builder.Host ?? "";
        Port = builder.Port;
        _dataSource = NpgsqlDataSource.Create(builder);
    }

    public string DatabaseName { get; }

    public string Host { get; }

    public int Port { get; }

    public ValueTask<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken) =>
        _dataSource.OpenConnectionAsync(cancellationToken);

    /// <summary>Runs <paramref name="work"/> in one READ COMMITTED transaction and commits it; when it throws, nothing it
    /// did is kept. NOTE: a transaction PostgreSQL aborts to break a deadlock (or a serialization failure) runs
    /// <paramref name="work"/> again, so it must only act on the database. <paramref name="cancellationToken"/> withdraws
    /// it only until it has a connection and a transaction: a started transaction finishes.</summary>
    public async Task<T> WriteAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
            try
            {
                var result = await work(connection, transaction);
                await transaction.CommitAsync(CancellationToken.None);
                return result;
            }
            catch (PostgresException e) when (IsRetryable(e) && attempt < MaxAttempts)
            {
                // Rolled back when the transaction is disposed; the next attempt starts afresh.
            }
        }
    }

    public async Task<T> ReadAsync<T>(Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await work(connection);
    }

    Task<T> ISqlDatabase.WriteAsync<T>(Func<IDbConnection, IDbTransaction, Task<T>> work, CancellationToken cancellationToken) =>
        WriteAsync((c, tx) => work(c, tx), cancellationToken);

    Task<T> ISqlDatabase.ReadAsync<T>(Func<IDbConnection, Task<T>> work, CancellationToken cancellationToken) =>
        ReadAsync(c => work(c), cancellationToken);

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private static bool IsRetryable(PostgresException e) =>
        e.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure;
}
