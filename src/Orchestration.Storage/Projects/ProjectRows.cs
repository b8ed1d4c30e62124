using System.Data;
using Dapper;
using Orchestration.Core.Domain;
using Orchestration.Core.Lifecycle;

namespace Orchestration.Storage.Projects;

/// <summary>The projects SQL of every backend, on a caller's connection (and transaction, for writes).</summary>
internal static class ProjectRows
{
    public const string Columns =
        "id, owner_id, name, requirements, status, status_reason, planning_rigor, config, created_at, updated_at, completed_at, " +
        "replan_hold_since";

    private const string InsertColumns =
        "id, owner_id, name, requirements, status, status_reason, planning_rigor, config, created_at, updated_at, completed_at";

    public const string Insert =
        $"""
        INSERT INTO projects ({InsertColumns})
        VALUES (@Id, @OwnerId, @Name, @Requirements, @Status, @StatusReason, @PlanningRigor, @Config, @CreatedAt, @UpdatedAt, @CompletedAt)
        """;

    public const string Owned = $"SELECT {Columns} FROM projects WHERE id = @projectId AND owner_id = @ownerId";

    public const string ById = $"SELECT {Columns} FROM projects WHERE id = @projectId";

    public const string Update =
        """
        UPDATE projects SET
            name = COALESCE(@Name, name),
            requirements = COALESCE(@Requirements, requirements),
            planning_rigor = COALESCE(@PlanningRigor, planning_rigor),
            config = COALESCE(@Config, config),
            updated_at = @now
        WHERE id = @projectId AND owner_id = @ownerId
        """;

    public const string Delete = "DELETE FROM projects WHERE id = @projectId AND owner_id = @ownerId";

    public static async Task<(IReadOnlyList<ProjectListItem> Items, long Total)> ListAsync(
        IDbConnection c, SqlDialect dialect, string ownerId, ProjectStatus? status, int offset, int limit)
    {
        var args = new { ownerId, status = status?.ToWire(), offset, limit };
        const string Filter = "owner_id = @ownerId AND (@status IS NULL OR status = @status)";
        var order = $"created_at DESC, {dialect.InsertionOrder} DESC";
        var total = await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM projects WHERE {Filter}", args);
        var projects = (await c.QueryAsync<Project>(
            $"SELECT {Columns} FROM projects WHERE {Filter} ORDER BY {order} LIMIT @limit OFFSET @offset", args)).ToList();
        var summaries = (await c.QueryAsync<SummaryRow>(
            $"""
            SELECT project_id,
                   COUNT(*) AS total,
                   COUNT(*) FILTER (WHERE status = '{TaskStatusNames.Completed}') AS completed,
                   COUNT(*) FILTER (WHERE status = '{TaskStatusNames.Running}') AS running,
                   COUNT(*) FILTER (WHERE status = '{TaskStatusNames.Failed}') AS failed
            FROM tasks WHERE project_id IN (SELECT id FROM projects WHERE {Filter} ORDER BY {order} LIMIT @limit OFFSET @offset)
            GROUP BY project_id
            """, args)).ToDictionary(s => s.ProjectId);
        IReadOnlyList<ProjectListItem> items = projects
            .Select(p => new ProjectListItem(p, summaries.TryGetValue(p.Id, out var s)
                ? new TaskSummary(s.Total, s.Completed, s.Running, s.Failed)
                : null))
            .ToList();
        return (items, total);
    }

    /// <summary>The transition inside a caller's write transaction (the backend keeps it from interleaving with another
    /// change of the project): checked against the transition table, written, and read back; null when the project
    /// does not exist.</summary>
    public static async Task<Project?> TransitionAsync(IDbConnection c, IDbTransaction tx, string projectId, ProjectStatus to, string? reason, double now)
    {
        var current = await c.QuerySingleOrDefaultAsync<Project>(ById, new { projectId }, tx);
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
        return await c.QuerySingleAsync<Project>(ById, new { projectId }, tx);
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
