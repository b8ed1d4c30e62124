using Dapper;
using Orchestration.Core.Domain;
using Orchestration.Storage.Sqlite;

namespace Orchestration.Storage.Projects;

internal sealed class SqliteProjectStore(SqliteDatabase database) : IProjectStore
{
    public Task<Project> CreateAsync(Project project, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, tx) =>
        {
            await c.ExecuteAsync(ProjectRows.Insert, project, tx);
            return project;
        }, cancellationToken);

    public Task<Project?> GetAsync(string ownerId, string projectId, CancellationToken cancellationToken) =>
        database.ReadAsync(c => c.QuerySingleOrDefaultAsync<Project>(new CommandDefinition(
            ProjectRows.Owned, new { projectId, ownerId }, cancellationToken: cancellationToken)), cancellationToken);

    public Task<Project?> GetForEngineAsync(string projectId, CancellationToken cancellationToken) =>
        database.ReadAsync(c => c.QuerySingleOrDefaultAsync<Project>(new CommandDefinition(
            ProjectRows.ById, new { projectId }, cancellationToken: cancellationToken)), cancellationToken);

    public Task<(IReadOnlyList<ProjectListItem> Items, long Total)> ListAsync(
        string ownerId, ProjectStatus? status, int offset, int limit, CancellationToken cancellationToken) =>
        database.ReadAsync(c => ProjectRows.ListAsync(c, SqlDialect.Sqlite, ownerId, status, offset, limit), cancellationToken);

    public Task<Project?> UpdateAsync(string ownerId, string projectId, ProjectChanges changes, double now, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, tx) =>
        {
            var updated = await c.ExecuteAsync(ProjectRows.Update,
                new { changes.Name, changes.Requirements, changes.PlanningRigor, changes.Config, now, projectId, ownerId }, tx);
            return updated == 0 ? null : await c.QuerySingleAsync<Project>(ProjectRows.ById, new { projectId }, tx);
        }, cancellationToken);

    public Task<bool> DeleteAsync(string ownerId, string projectId, CancellationToken cancellationToken) =>
        database.WriteAsync(async (c, tx) => await c.ExecuteAsync(ProjectRows.Delete, new { projectId, ownerId }, tx) > 0, cancellationToken);

    public Task<Project?> TransitionAsync(string projectId, ProjectStatus to, string? reason, double now, CancellationToken cancellationToken) =>
        database.WriteAsync((c, tx) => ProjectRows.TransitionAsync(c, tx, projectId, to, reason, now), cancellationToken);
}
