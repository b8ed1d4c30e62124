using System.Data;
using Microsoft.Data.Sqlite;

namespace Orchestration.Storage.Sqlite;

/// <summary>
/// Opens connections to the one SQLite file. WAL is a property of the file (set by the migrator);
/// foreign keys and the busy timeout are per connection and set here.
/// </summary>
public sealed class SqliteDatabase : ISqlDatabase
{
    private readonly string _connectionString;
    // NOTE: one writer at a time within this process, and concurrent writers share commits (group commit). SQLite
    // admits a single writer anyway; queueing here wakes the next writer at once, while contention inside SQLite's
    // busy handler sleeps in millisecond steps.
    private readonly WriteBatch _writes;

    /// <param name="readOnly">Open the file read-only: no write reaches it, and a missing file is not created.</param>
    public SqliteDatabase(string path, bool readOnly = false)
    {
        _writes = new WriteBatch(this);
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            ForeignKeys = true,
            Pooling = true,
            // Seconds a command waits on a locked database before failing (the busy timeout).
            DefaultTimeout = 30,
        }.ToString();
    }

    public string Path { get; }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        using var pragma = connection.CreateCommand();
        // NOTE: synchronous=NORMAL is durable in WAL mode except against power loss of the last commits.
        pragma.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    /// <summary>Runs <paramref name="work"/> atomically in a write transaction (BEGIN IMMEDIATE: the write lock is taken
    /// up front), possibly sharing the commit with other writers' work; its result is returned once committed. If it
    /// throws, its writes are rolled back and the exception is rethrown. <paramref name="cancellationToken"/> withdraws
    /// it only while it waits for its turn.</summary>
    Task<T> ISqlDatabase.WriteAsync<T>(Func<IDbConnection, IDbTransaction, Task<T>> work, CancellationToken cancellationToken) =>
        WriteAsync((c, tx) => work(c, tx), cancellationToken);

    Task<T> ISqlDatabase.ReadAsync<T>(Func<IDbConnection, Task<T>> work, CancellationToken cancellationToken) =>
        ReadAsync(c => work(c), cancellationToken);

    public Task<T> WriteAsync<T>(Func<SqliteConnection, IDbTransaction, Task<T>> work, CancellationToken cancellationToken) =>
        _writes.WriteAsync(work, cancellationToken);

    public async Task<T> ReadAsync<T>(Func<SqliteConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await work(connection);
    }
}
