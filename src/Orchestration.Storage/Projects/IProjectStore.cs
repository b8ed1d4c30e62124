using Orchestration.Core.Domain;

namespace Orchestration.Storage.Projects;

/// <summary>
/// Projects, always read and written through their owner's id: another user's project simply does not exist.
/// </summary>
public interface IProjectStore
{
    Task<Project> CreateAsync(Project project, CancellationToken cancellationToken);

    Task<Project?> GetAsync(string ownerId, string projectId, CancellationToken cancellationToken);

    /// <summary>Reads a project regardless of owner: for the engine, which acts on behalf of the owner.</summary>
    Task<Project?> GetForEngineAsync(string projectId, CancellationToken cancellationToken);

    Task<(IReadOnlyList<ProjectListItem> Items, long Total)> ListAsync(
        string ownerId, ProjectStatus? status, int offset, int limit, CancellationToken cancellationToken);

    Task<Project?> UpdateAsync(string ownerId, string projectId, ProjectChanges changes, double now, CancellationToken cancellationToken);

    Task<bool> DeleteAsync(string ownerId, string projectId, CancellationToken cancellationToken);

    /// <summary>Moves the project to <paramref name="to"/> if the transition table allows it from its current
    /// status (checked and written in one transaction). Throws IllegalTransitionException otherwise;
    /// returns null when the project does not exist.</summary>
    Task<Project?> TransitionAsync(string projectId, ProjectStatus to, string? reason, double now, CancellationToken cancellationToken);
}
