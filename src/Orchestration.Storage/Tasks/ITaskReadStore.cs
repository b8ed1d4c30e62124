namespace Orchestration.Storage.Tasks;

/// <summary>
/// Reading and editing tasks on behalf of a user: every query joins the project on its owner, so another user's
/// task or project is not found (null).
/// </summary>
public interface ITaskReadStore
{
    /// <summary>Null when the project does not exist for the owner.</summary>
    Task<TaskPage?> ListAsync(string ownerId, string projectId, TaskQuery query, CancellationToken cancellationToken);

    Task<TaskView?> GetAsync(string ownerId, string taskId, CancellationToken cancellationToken);

    /// <summary>Applies the non-null fields. Null when not found; <see cref="TaskConflictException"/> while the task is
    /// running or completed.</summary>
    Task<TaskView?> PatchAsync(string ownerId, string taskId, TaskPatch patch, double now, CancellationToken cancellationToken);
}
