namespace Orchestration.Storage.Tasks;

/// <summary>Orders of the task list (docs/api.md: sort=priority|created_at|wave|status). Default: wave, then plan order.</summary>
public enum TaskSort { Default, Priority, CreatedAt, Wave, Status }
