using Dapper;
using Orchestration.Core.Lifecycle;
using Orchestration.Storage.Postgres;

namespace Orchestration.Storage.Execution.Postgres;

/// <summary>The PostgreSQL backend of execution: each transaction is one READ COMMITTED transaction on a pooled
/// connection (<see cref="PostgresDatabase.WriteAsync{T}"/>), serialised per project by
/// <see cref="PostgresExecutionTransaction"/>'s project locks.</summary>
internal sealed class PostgresExecutionDatabase(PostgresDatabase database) : IExecutionDatabase
{
    public Task<T> WriteAsync<T>(Func<IExecutionTransaction, Task<T>> work, CancellationToken cancellationToken) =>
        database.WriteAsync((c, tx) => work(new PostgresExecutionTransaction(c, tx)), cancellationToken);

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
