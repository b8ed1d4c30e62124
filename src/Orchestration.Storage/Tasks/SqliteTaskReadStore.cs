using Orchestration.Storage.Sqlite;

namespace Orchestration.Storage.Tasks;

internal sealed class SqliteTaskReadStore(SqliteDatabase database) : ITaskReadStore
{
    public Task<TaskPage?> ListAsync(string ownerId, string projectId, TaskQuery query, CancellationToken cancellationToken) =>
        database.ReadAsync(c => TaskRows.ListAsync(c, SqlDialect.Sqlite, ownerId, projectId, query, cancellationToken), cancellationToken);

    public Task<TaskView?> GetAsync(string ownerId, string taskId, CancellationToken cancellationToken) =>
        database.ReadAsync(c => TaskRows.GetAsync(c, null, SqlDialect.Sqlite, ownerId, taskId), cancellationToken);

    public Task<TaskView?> PatchAsync(string ownerId, string taskId, TaskPatch patch, double now, CancellationToken cancellationToken) =>
        database.WriteAsync((c, tx) => TaskRows.PatchAsync(c, tx, SqlDialect.Sqlite, ownerId, taskId, patch, now), cancellationToken);
}
