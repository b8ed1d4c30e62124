using Dapper;

namespace Orchestration.Storage.Execution.Postgres;

// NOTE: why a transaction locks its projects. Transactions run at READ COMMITTED, and the execution stores read, decide,
// then write (read the statuses of a task's dependencies, then queue it; read a project's unfinished tasks, then cancel
// them). Two such transactions interleaving on one project could each decide on the other's uncommitted past: two
// completions of a task's last two dependencies would each still see the other dependency running, and the dependant
// would never be queued. So before a transaction reads or writes anything of a project it locks the project's row
// (FOR NO KEY UPDATE, which foreign-key checks of inserted tasks and events do not wait for); the lock is held until
// commit, and every statement after it sees what earlier holders committed. The transactions of one project thus run
// one after another, as on SQLite's single writer, while different projects proceed in parallel on any number of
// connections and servers. SERIALIZABLE would be correct too, but every transaction of a project appends an event
// through the same counter row, so concurrent ones would abort and retry instead of queueing. Transactions that lock
// several projects (recovery) take them in project order; a rare deadlock with a lease renewal is retried by
// PostgresDatabase.WriteAsync.
internal sealed partial class PostgresExecutionTransaction
{
    private readonly HashSet<string> _lockedProjects = new(StringComparer.Ordinal);
    // The project of each task seen in this transaction (a task never changes project), to lock it without a lookup.
    private readonly Dictionary<string, string> _projectOfTask = new(StringComparer.Ordinal);

    private async Task LockProjectAsync(string projectId)
    {
        if (_lockedProjects.Add(projectId))
        {
            await c.ExecuteAsync("SELECT 1 FROM projects WHERE id = @projectId FOR NO KEY UPDATE", new { projectId }, tx);
        }
    }

    private async Task LockProjectOfTaskAsync(string taskId)
    {
        if (_projectOfTask.TryGetValue(taskId, out var known))
        {
            await LockProjectAsync(known);
            return;
        }
        var projectId = await c.ExecuteScalarAsync<string?>(
            "SELECT p.id FROM tasks t JOIN projects p ON p.id = t.project_id WHERE t.id = @taskId FOR NO KEY UPDATE OF p", new { taskId }, tx);
        if (projectId is not null)
        {
            _projectOfTask[taskId] = projectId;
            _lockedProjects.Add(projectId);
        }
    }

    private async Task LockProjectOfCheckpointAsync(string checkpointId)
    {
        var projectId = await c.ExecuteScalarAsync<string?>("SELECT project_id FROM checkpoints WHERE id = @checkpointId", new { checkpointId }, tx);
        if (projectId is not null)
        {
            await LockProjectAsync(projectId);
        }
    }

    private void Remember(string projectId, IEnumerable<string> taskIds)
    {
        foreach (var taskId in taskIds)
        {
            _projectOfTask[taskId] = projectId;
        }
    }
}
