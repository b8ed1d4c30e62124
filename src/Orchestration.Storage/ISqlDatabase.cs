using System.Data;

namespace Orchestration.Storage;

/// <summary>Either backend's database as plain ADO.NET, for stores whose SQL reads the same on both: a write transaction
/// (SQLite: a savepoint of the group commit; PostgreSQL: a READ COMMITTED transaction) and a read.</summary>
public interface ISqlDatabase
{
    Task<T> WriteAsync<T>(Func<IDbConnection, IDbTransaction, Task<T>> work, CancellationToken cancellationToken);

    Task<T> ReadAsync<T>(Func<IDbConnection, Task<T>> work, CancellationToken cancellationToken);
}
