using System.Data;
using Dapper;
using Microsoft.Data.Sqlite;
using Orchestration.Core.Domain;
using Orchestration.Core.Lifecycle;
using Orchestration.Storage.Sqlite;

namespace Orchestration.Storage.Projects;

internal sealed class SqliteProjectStore(SqliteDatabase database) : IProjectStore
{
    private const string Columns =
        "id, owner_id, name, requirements, status, status_reason, planning_rigor, config, created_at, updated_at, completed_at";

    public Task<Project> CreateAsync(Project project, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, tx) =>
        {
            await c.ExecuteAsync(
                $"""
                INSERT INTO projects ({Columns})
                VALUES (@Id, @OwnerId, @Name, @Requirements, @Status, @StatusReason, @PlanningRigor, @Config, @CreatedAt, @UpdatedAt, @CompletedAt)
                """, project, tx);
            return project;
        }, cancellationToken);

    public Task<Project?> GetAsync(string ownerId, string projectId, CancellationToken cancellationToken) =>
        database.ReadAsync(c => c.QuerySingleOrDefaultAsync<Project>(new CommandDefinition(
            $"SELECT {Columns} FROM projects WHERE id = @projectId AND owner_id = @ownerId",
            new { projectId, ownerId }, cancellationToken: cancellationToken)), cancellationToken);

    public Task<Project?> GetForEngineAsync(string projectId, CancellationToken cancellationToken) =>
        database.ReadAsync(c => c.QuerySingleOrDefaultAsync<Project>(new CommandDefinition(
            $"SELECT {Columns} FROM projects WHERE id = @projectId", new { projectId }, cancellationToken: cancellationToken)),
            cancellationToken);

    public Task<(IReadOnlyList<ProjectListItem> Items, long Total)> ListAsync(
        string ownerId, ProjectStatus? status, int offset, int limit, CancellationToken cancellationToken) =>
        database.ReadAsync(async c =>
        {
            var args = new { ownerId, status = status?.ToWire(), offset, limit };
            const string Filter = "owner_id = @ownerId AND (@status IS NULL OR status = @status)";
            var total = await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM projects WHERE {Filter}", args);
            var projects = (await c.QueryAsync<Project>(
                $"SELECT {Columns} FROM projects WHERE {Filter} ORDER BY created_at DESC, rowid DESC LIMIT @limit OFFSET @offset", args)).ToList();
            var summaries = (await c.QueryAsync<SummaryRow>(
                $"""
                SELECT project_id,
                       COUNT(*) AS total,
                       SUM(status = '{TaskStatusNames.Completed}') AS completed,
                       SUM(status = '{TaskStatusNames.Running}') AS running,
                       SUM(status = '{TaskStatusNames.Failed}') AS failed
                FROM tasks WHERE project_id IN (SELECT id FROM projects WHERE {Filter} ORDER BY created_at DESC, rowid DESC LIMIT @limit OFFSET @offset)
                GROUP BY project_id
                """, args)).ToDictionary(s => s.ProjectId);
            IReadOnlyList<ProjectListItem> items = projects
                .Select(p => new ProjectListItem(p, summaries.TryGetValue(p.Id, out var s)
                    ? new TaskSummary(s.Total, s.Completed, s.Running, s.Failed)
                    : null))
                .ToList();
            return (items, total);
        }, cancellationToken);

    public Task<Project?> UpdateAsync(string ownerId, string projectId, ProjectChanges changes, double now, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, tx) =>
        {
            var updated = await c.ExecuteAsync(
                """
                UPDATE projects SET
                    name = COALESCE(@Name, name),
                    requirements = COALESCE(@Requirements, requirements),
                    planning_rigor = COALESCE(@PlanningRigor, planning_rigor),
                    config = COALESCE(@Config, config),
                    updated_at = @now
                WHERE id = @projectId AND owner_id = @ownerId
                """, new { changes.Name, changes.Requirements, changes.PlanningRigor, changes.Config, now, projectId, ownerId }, tx);
            return updated == 0
                ? null
                : await c.QuerySingleAsync<Project>($"SELECT {Columns} FROM projects WHERE id = @projectId", new { projectId }, tx);
        }, cancellationToken);

    public Task<bool> DeleteAsync(string ownerId, string projectId, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, tx) =>
            await c.ExecuteAsync("DELETE FROM projects WHERE id = @projectId AND owner_id = @ownerId", new { projectId, ownerId }, tx) > 0,
            cancellationToken);

    public Task<Project?> TransitionAsync(string projectId, ProjectStatus to, string? reason, double now, CancellationToken cancellationToken) =>
        database.WriteAsync((c, tx) => TransitionAsync(c, tx, projectId, to, reason, now), cancellationToken);

    /// <summary>The transition inside a caller's transaction, for stores that change a project together with other rows.</summary>
    internal static async Task<Project?> TransitionAsync(SqliteConnection c, IDbTransaction tx, string projectId, ProjectStatus to, string? reason, double now)
    {
        var current = await c.QuerySingleOrDefaultAsync<Project>($"SELECT {Columns} FROM projects WHERE id = @projectId", new { projectId }, tx);
        if (current is null)
        {
            return null;
        }
        ProjectTransitions.EnsureCanMove(current.StatusValue, to);
        var completedAt = to is ProjectStatus.Completed ? now : (double?)null;
        await c.ExecuteAsync(
            """
            UPDATE projects SET status = @status, status_reason = @reason, updated_at = @now,
                completed_at = CASE WHEN @completedAt IS NULL THEN completed_at ELSE @completedAt END
            WHERE id = @projectId AND status = @from
            """, new { status = to.ToWire(), reason, now, completedAt, projectId, from = current.Status }, tx);
        return await c.QuerySingleAsync<Project>($"SELECT {Columns} FROM projects WHERE id = @projectId", new { projectId }, tx);
    }

    private sealed class SummaryRow
    {
        public string ProjectId { get; init; } = "";
        public long Total { get; init; }
        public long Completed { get; init; }
        public long Running { get; init; }
        public long Failed { get; init; }
    }
}
