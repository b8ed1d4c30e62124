using Orchestration.Core.Domain;
using Orchestration.Core.Lifecycle;
using Orchestration.Core.Scheduling;
using Orchestration.Storage.Execution;
using Orchestration.Storage.Projects;

namespace Orchestration.Engine.Runs;

/// <summary>
/// The only way the execution stores change a status: each move is checked against the transition tables
/// (<see cref="TaskTransitions"/>, <see cref="ProjectTransitions"/>) and written as a guarded primitive, and readiness
/// follows from <see cref="ReadinessPropagation"/>.
/// </summary>
internal static class Transitions
{
    /// <summary>A guarded task write from <paramref name="from"/> to <paramref name="to"/>; throws when the table forbids it.</summary>
    public static TaskUpdate Task(string taskId, TaskItemStatus from, TaskItemStatus to)
    {
        TaskTransitions.EnsureCanMove(from, to);
        return new TaskUpdate(taskId, from, to);
    }

    /// <summary>The attempt's task leaves running for <paramref name="to"/>, its lease given up.</summary>
    public static TaskUpdate EndAttempt(AttemptKey key, TaskItemStatus to) =>
        Task(key.TaskId, TaskItemStatus.Running, to) with { Attempt = key, Lease = new((null, null)) };

    /// <summary>Moves the project as the table allows (an illegal move throws, a 409 for the API); null when it changed
    /// meanwhile.</summary>
    public static Task<Project?> ProjectAsync(IExecutionTransaction t, Project project, ProjectStatus to, string? reason, double now)
    {
        ProjectTransitions.EnsureCanMove(project.StatusValue, to);
        return t.MoveProjectAsync(project.Id, project.StatusValue, to, reason, now);
    }

    /// <summary>Derives readiness again for the tasks of <paramref name="scope"/> around a task whose status changed,
    /// writes each change (guarded by the status it was derived from) and returns them.</summary>
    public static async Task<IReadOnlyList<ReadinessChange>> ReadinessAsync(IExecutionTransaction t, string taskId, SliceScope scope, double now)
    {
        var changes = ReadinessPropagation.Derive(await t.SliceAsync(taskId, scope));
        foreach (var change in changes)
        {
            await WriteAsync(t, change, now);
        }
        return changes;
    }

    /// <summary>Readiness of the whole current plan (a run starts, the executor loads a project); the tasks as they now
    /// are, with their dependencies.</summary>
    public static async Task<(IReadOnlyList<ExecutionTask> Tasks, IReadOnlyDictionary<string, IReadOnlyList<string>> DependsOn)> ReconcileAsync(
        IExecutionTransaction t, string projectId, double now)
    {
        var (tasks, dependsOn) = await t.GraphAsync(projectId);
        var slice = new ReadinessSlice(tasks.Select(x => new SliceTask(x.Id, dependsOn[x.Id])).ToList(),
            tasks.ToDictionary(x => x.Id, x => x.StatusValue, StringComparer.Ordinal));
        var changed = new Dictionary<string, ExecutionTask>(StringComparer.Ordinal);
        foreach (var change in ReadinessPropagation.Derive(slice))
        {
            if (await WriteAsync(t, change, now) is { } row)
            {
                changed[row.Id] = row;
            }
        }
        return (changed.Count == 0 ? tasks : tasks.Select(x => changed.GetValueOrDefault(x.Id) ?? x).ToList(), dependsOn);
    }

    public static IReadOnlyList<string> Ids(IReadOnlyList<ReadinessChange> changes, TaskItemStatus to) =>
        changes.Where(c => c.To == to).Select(c => c.TaskId).ToList();

    // NOTE: a task that becomes blocked forgets its retry delay: once unblocked it is ready at once.
    private static Task<ExecutionTask?> WriteAsync(IExecutionTransaction t, ReadinessChange change, double now) =>
        t.UpdateTaskAsync(Task(change.TaskId, change.From, change.To) with
        {
            NotBefore = change.To == TaskItemStatus.Blocked ? new Set<double?>(null) : null,
        }, now);
}
