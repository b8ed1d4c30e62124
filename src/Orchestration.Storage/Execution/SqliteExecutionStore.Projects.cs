using Dapper;
using Orchestration.Core.Domain;
using Orchestration.Storage.Projects;

namespace Orchestration.Storage.Execution;

// Project-level transitions of a run: execute, pause, cancel, finish, wave checkpoints.
internal sealed partial class SqliteExecutionStore
{
    public Task<Committed<Project>?> StartRunAsync(string ownerId, string projectId, double now, CancellationToken cancellationToken) =>
        database.WriteAsync<Committed<Project>?>(async (c, tx) =>
        {
            if (!await OwnsAsync(c, tx, ownerId, projectId))
            {
                return null;
            }
            var project = (await SqliteProjectStore.TransitionAsync(c, tx, projectId, ProjectStatus.Executing, null, now))!;
            var run = await c.ExecuteScalarAsync<long>(
                """
                INSERT INTO execution_runs (project_id, run, started_at) VALUES (@projectId, 1, @now)
                ON CONFLICT (project_id) DO UPDATE SET run = run + 1, started_at = @now
                RETURNING run
                """, new { projectId, now }, tx);
            var (tasks, _) = await ReconcileAsync(c, tx, projectId, now);
            var started = await AppendAsync(c, tx, now, projectId, "project_start",
                $"Execution started (run {run}): {tasks.Count(t => t.Status != "completed")} of {tasks.Count} tasks to do",
                data: new Dictionary<string, object?> { ["run"] = run });
            return new Committed<Project>(project, [started]);
        }, cancellationToken);

    public Task<Committed<Project>?> PauseAsync(string ownerId, string projectId, double now, CancellationToken cancellationToken) =>
        database.WriteAsync<Committed<Project>?>(async (c, tx) =>
        {
            if (!await OwnsAsync(c, tx, ownerId, projectId))
            {
                return null;
            }
            var project = (await SqliteProjectStore.TransitionAsync(c, tx, projectId, ProjectStatus.Paused, "paused by user", now))!;
            var paused = await AppendAsync(c, tx, now, projectId, "project_paused", "Execution paused: running tasks finish, no new task starts");
            return new Committed<Project>(project, [paused]);
        }, cancellationToken);

    public Task<Committed<Project>?> CancelAsync(string ownerId, string projectId, double now, CancellationToken cancellationToken) =>
        database.WriteAsync<Committed<Project>?>(async (c, tx) =>
        {
            if (!await OwnsAsync(c, tx, ownerId, projectId))
            {
                return null;
            }
            var project = (await SqliteProjectStore.TransitionAsync(c, tx, projectId, ProjectStatus.Cancelled, "cancelled by user", now))!;
            var cancelled = await c.ExecuteAsync(
                """
                UPDATE tasks SET status = 'cancelled', lease_owner = NULL, lease_expires_at = NULL, not_before = NULL, updated_at = @now
                WHERE project_id = @projectId AND status IN ('pending', 'blocked', 'queued', 'running', 'needs_review')
                """, new { projectId, now }, tx);
            await c.ExecuteAsync(
                """
                UPDATE checkpoints SET resolution = 'cancelled', response = 'project cancelled', resolved_at = @now
                WHERE project_id = @projectId AND resolved_at IS NULL
                """, new { projectId, now }, tx);
            var e = await AppendAsync(c, tx, now, projectId, "project_cancelled", $"Execution cancelled; {cancelled} unfinished tasks cancelled",
                data: new Dictionary<string, object?> { ["tasks_cancelled"] = cancelled });
            return new Committed<Project>(project, [e]);
        }, cancellationToken);

    public Task<Committed<Project>?> FinishAsync(string projectId, ProjectStatus outcome, string message,
        IReadOnlyDictionary<string, object?> data, double now, CancellationToken cancellationToken) =>
        database.WriteAsync<Committed<Project>?>(async (c, tx) =>
        {
            if (!await IsExecutingAsync(c, tx, projectId))
            {
                return null;
            }
            var project = (await SqliteProjectStore.TransitionAsync(c, tx, projectId, outcome, outcome == ProjectStatus.Failed ? message : null, now))!;
            var type = outcome == ProjectStatus.Completed ? "project_complete" : "project_failed";
            var e = await AppendAsync(c, tx, now, projectId, type, message, data: data);
            return new Committed<Project>(project, [e]);
        }, cancellationToken);

    public Task<Committed<Project>?> WaveCheckpointAsync(string projectId, long wave, double now, CancellationToken cancellationToken) =>
        database.WriteAsync<Committed<Project>?>(async (c, tx) =>
        {
            if (!await IsExecutingAsync(c, tx, projectId))
            {
                return null;
            }
            var project = (await SqliteProjectStore.TransitionAsync(c, tx, projectId, ProjectStatus.Paused, $"wave {wave} checkpoint", now))!;
            var e = await AppendAsync(c, tx, now, projectId, "wave_checkpoint",
                $"Wave {wave} finished; execution paused before wave {wave + 1}. Execute to continue.",
                data: new Dictionary<string, object?> { ["wave"] = wave, ["next_wave"] = wave + 1 });
            return new Committed<Project>(project, [e]);
        }, cancellationToken);

    public Task<ProjectGraph?> LoadGraphAsync(string projectId, double now, CancellationToken cancellationToken) =>
        database.WriteAsync<ProjectGraph?>(async (c, tx) =>
        {
            var project = await c.QuerySingleOrDefaultAsync<Project>(
                "SELECT * FROM projects WHERE id = @projectId", new { projectId }, tx);
            if (project is null)
            {
                return null;
            }
            var (tasks, dependsOn) = await ReconcileAsync(c, tx, projectId, now);
            return new ProjectGraph(project, tasks, dependsOn);
        }, cancellationToken);

    public Task<IReadOnlyList<string>> ExecutingProjectIdsAsync(CancellationToken cancellationToken) =>
        database.ReadAsync(async c => (IReadOnlyList<string>)(await c.QueryAsync<string>(new CommandDefinition(
            "SELECT id FROM projects WHERE status = 'executing' ORDER BY updated_at", cancellationToken: cancellationToken))).AsList(),
            cancellationToken);

    private static async Task<bool> OwnsAsync(Microsoft.Data.Sqlite.SqliteConnection c, System.Data.IDbTransaction tx, string ownerId, string projectId) =>
        await c.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM projects WHERE id = @projectId AND owner_id = @ownerId", new { projectId, ownerId }, tx) > 0;

    private static async Task<bool> IsExecutingAsync(Microsoft.Data.Sqlite.SqliteConnection c, System.Data.IDbTransaction tx, string projectId) =>
        await c.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM projects WHERE id = @projectId AND status = 'executing'", new { projectId }, tx) > 0;
}
