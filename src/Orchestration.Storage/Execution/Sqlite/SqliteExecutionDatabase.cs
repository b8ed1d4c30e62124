using Dapper;
using Orchestration.Core.Lifecycle;
using Orchestration.Storage.Sqlite;

namespace Orchestration.Storage.Execution.Sqlite;

/// <summary>The SQLite backend of execution: each transaction is one savepoint of the group commit
/// (<see cref="SqliteDatabase.WriteAsync{T}"/>), on the one write connection.</summary>
internal sealed class SqliteExecutionDatabase(SqliteDatabase database) : IExecutionDatabase
{
    public Task<T> WriteAsync<T>(Func<IExecutionTransaction, Task<T>> work, CancellationToken cancellationToken) =>
        database.WriteAsync((c, tx) => work(new SqliteExecutionTransaction(c, tx)), cancellationToken);

    public Task<ProjectStates?> StatesAsync(string projectId, CancellationToken cancellationToken) =>
        database.ReadAsync(async c =>
        {
            using var grid = await c.QueryMultipleAsync(new CommandDefinition(ExecutionSql.States, new { projectId }, cancellationToken: cancellationToken));
            return await ExecutionSql.ReadStatesAsync(grid);
        }, cancellationToken);

    public Task<IReadOnlyList<string>> ExecutingProjectIdsAsync(CancellationToken cancellationToken) =>
        database.ReadAsync(async c => (IReadOnlyList<string>)(await c.QueryAsync<string>(new CommandDefinition(
            $"SELECT id FROM projects WHERE status = '{ProjectStatusNames.Executing}' ORDER BY updated_at",
            cancellationToken: cancellationToken))).AsList(), cancellationToken);
}
