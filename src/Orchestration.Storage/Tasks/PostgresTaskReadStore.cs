using Dapper;
using Orchestration.Storage.Postgres;

namespace Orchestration.Storage.Tasks;

/// <summary>Tasks for their owner on PostgreSQL. A patch first locks the task's project row, as the executor's
/// transactions do before they change a task, so the status it checked is the one it writes over.</summary>
internal sealed class PostgresTaskReadStore(PostgresDatabase database) : ITaskReadStore
{
    public Task<TaskPage?> ListAsync(string ownerId, string projectId, TaskQuery query, CancellationToken cancellationToken) =>
        database.ReadAsync(c => TaskRows.ListAsync(c, SqlDialect.Postgres, ownerId, projectId, query, cancellationToken), cancellationToken);

    public Task<TaskView?> GetAsync(string ownerId, string taskId, CancellationToken cancellationToken) =>
        database.ReadAsync(c => TaskRows.GetAsync(c, null, SqlDialect.Postgres, ownerId, taskId), cancellationToken);

    public Task<TaskView?> PatchAsync(string ownerId, string taskId, TaskPatch patch, double now, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, tx) =>
        {
            var projectId = await c.ExecuteScalarAsync<string?>("SELECT project_id FROM tasks WHERE id = @taskId", new { taskId }, tx);
            if (projectId is not null)
            {
                await PostgresLocks.LockProjectAsync(c, tx, projectId);
            }
            return await TaskRows.PatchAsync(c, tx, SqlDialect.Postgres, ownerId, taskId, patch, now);
        }, cancellationToken);
}
