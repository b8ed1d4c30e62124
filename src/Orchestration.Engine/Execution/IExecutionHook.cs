namespace Orchestration.Engine.Execution;

/// <summary>
/// Work that follows execution milestones outside the task itself (committing the project's workspace, say).
/// Register with <c>TryAddEnumerable(ServiceDescriptor.Singleton&lt;IExecutionHook, MyHook&gt;())</c>. Hooks run after the
/// milestone is committed and published; a hook that throws is logged and never changes the outcome.
/// </summary>
public interface IExecutionHook
{
    /// <summary>After a task's completion is committed, on the worker that ran it (the next attempt of its
    /// dependants waits for it: keep it short).</summary>
    Task TaskCompletedAsync(CompletedTask task, CancellationToken cancellationToken);

    /// <summary>After a project's run finished (completed or failed), off the executor's loop.</summary>
    Task ProjectFinishedAsync(FinishedProject project, CancellationToken cancellationToken);
}

/// <param name="Artifacts">Workspace-relative paths of the files the task wrote.</param>
public sealed record CompletedTask(string OwnerId, string ProjectId, string ProjectName, string TaskId, long TaskIndex, string Title,
    string Output, IReadOnlyList<string> Artifacts);

/// <param name="Status">"completed" or "failed".</param>
public sealed record FinishedProject(string ProjectId, string Status);
