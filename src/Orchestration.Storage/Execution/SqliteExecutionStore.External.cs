using Dapper;
using Orchestration.Core.Domain;
using Orchestration.Storage.Events;

namespace Orchestration.Storage.Execution;

// execution_mode hybrid/external: workers outside this server claim ready tasks, run them and submit the result.
internal sealed partial class SqliteExecutionStore
{
    public Task<Committed<ExternalClaim>?> ClaimExternalAsync(string ownerId, string taskId, double leaseUntil, double now,
        Func<AttemptContext, NewEvent>? describe, CancellationToken cancellationToken) =>
        database.WriteAsync<Committed<ExternalClaim>?>(async (c, tx) =>
        {
            var row = await c.QuerySingleOrDefaultAsync<ClaimableRow>(
                """
                SELECT t.project_id, t.status, t.not_before, p.status AS project_status, p.config
                FROM tasks t JOIN projects p ON p.id = t.project_id
                WHERE t.id = @taskId AND p.owner_id = @ownerId
                """, new { taskId, ownerId }, tx);
            if (row is null)
            {
                return null;
            }
            var mode = ExecutionModes.Of(row.Config);
            var refusal = !ExecutionModes.AllowsExternalWorkers(mode)
                ? $"The project runs its tasks itself (config.execution_mode is {mode}); set it to hybrid or external to let external workers claim tasks."
                : row.ProjectStatus != "executing" ? $"The project is {row.ProjectStatus}; execute it first."
                : row.Status != "queued" ? $"The task is {row.Status}; only a queued task (ready to run) can be claimed."
                : row.NotBefore is { } notBefore && notBefore > now ? $"The task waits for a retry delay until {notBefore:0} (epoch seconds)."
                : null;
            if (refusal is not null)
            {
                return new Committed<ExternalClaim>(ExternalClaim.Refused(refusal), []);
            }
            var claimed = await ClaimInTxAsync(c, tx, row.ProjectId, taskId, ExternalWorkers.OwnerOf(ownerId), leaseUntil, now, describe);
            return claimed is null
                ? new Committed<ExternalClaim>(ExternalClaim.Refused("The task was claimed by someone else a moment ago."), [])
                : new Committed<ExternalClaim>(new ExternalClaim(claimed.Value, null), claimed.Events);
        }, cancellationToken);

    public Task<AttemptContext?> ReadAttemptAsync(AttemptKey key, CancellationToken cancellationToken) =>
        database.WriteAsync<AttemptContext?>(async (c, tx) =>
        {
            var task = await c.QuerySingleOrDefaultAsync<ExecutionTask>(
                $"SELECT {TaskColumns} FROM tasks WHERE {AttemptGuard} AND project_id = @ProjectId",
                new { key.TaskId, key.Owner, key.Attempt, key.ProjectId }, tx);
            return task is null ? null : await ReadContextAsync(c, tx, key, task);
        }, cancellationToken);

    public Task<Committed<bool>?> AnnounceExternalWorkAsync(string projectId, double now, CancellationToken cancellationToken) =>
        database.WriteAsync<Committed<bool>?>(async (c, tx) =>
        {
            if (!await IsExecutingAsync(c, tx, projectId))
            {
                return null;
            }
            var open = (await c.QueryAsync<(string Id, string Title, string Status)>(
                $"""
                SELECT id, title, status FROM tasks WHERE {CurrentTasks} AND status IN ('queued', 'running')
                ORDER BY task_index
                """, new { projectId }, tx)).AsList();
            var ready = open.Where(t => t.Status == "queued").ToList();
            if (ready.Count == 0)
            {
                return null; // Only claimed tasks: the workers have them; nothing new to say.
            }
            var claimed = open.Count - ready.Count;
            var e = await AppendAsync(c, tx, now, projectId, "project_waiting",
                $"Waiting for external workers: {ready.Count} task{(ready.Count == 1 ? " is" : "s are")} ready to claim " +
                $"({string.Join(", ", ready.Take(5).Select(t => $"'{t.Title}'"))}{(ready.Count > 5 ? ", ..." : "")})" +
                (claimed > 0 ? $", {claimed} claimed" : "") + ". Claim with POST /api/tasks/{id}/claim.",
                data: new Dictionary<string, object?>
                {
                    ["reason"] = "external_workers",
                    ["task_ids"] = ready.Select(t => t.Id).ToList(),
                    ["claimed"] = claimed,
                });
            return new Committed<bool>(true, [e]);
        }, cancellationToken);

    private sealed class ClaimableRow
    {
        public string ProjectId { get; init; } = "";
        public string Status { get; init; } = "";
        public double? NotBefore { get; init; }
        public string ProjectStatus { get; init; } = "";
        public string? Config { get; init; }
    }
}
