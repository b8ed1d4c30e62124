using Orchestration.Core.Domain;
using Orchestration.Core.Events;
using Orchestration.Storage.Execution;
using Orchestration.Storage.Projects;
using static Orchestration.Core.Domain.TaskItemStatus;

namespace Orchestration.Engine.Runs;

internal sealed class RunStore(IExecutionDatabase database) : IRunStore
{
    private static readonly TaskItemStatus[] Unfinished = [Pending, Blocked, Queued, Running, NeedsReview];

    public Task<Committed<Project>?> StartRunAsync(string ownerId, string projectId, double now, CancellationToken cancellationToken) =>
        database.WriteAsync<Committed<Project>?>(async t =>
        {
            if (await t.ProjectAsync(projectId, ownerId) is not { } current)
            {
                return null;
            }
            var project = (await Transitions.ProjectAsync(t, current, ProjectStatus.Executing, null, now))!;
            var run = await t.NextRunAsync(projectId, now);
            var (tasks, _) = await Transitions.ReconcileAsync(t, projectId, now);
            var started = await t.AppendAsync(RunEvents.Started(projectId, run, tasks.Count(x => x.StatusValue != Completed), tasks.Count), now);
            return new Committed<Project>(project, [started]);
        }, cancellationToken);

    public Task<Committed<Project>?> PauseAsync(string ownerId, string projectId, double now, CancellationToken cancellationToken) =>
        database.WriteAsync<Committed<Project>?>(async t =>
        {
            if (await t.ProjectAsync(projectId, ownerId) is not { } current)
            {
                return null;
            }
            var project = (await Transitions.ProjectAsync(t, current, ProjectStatus.Paused, "paused by user", now))!;
            return new Committed<Project>(project, [await t.AppendAsync(RunEvents.Paused(projectId), now)]);
        }, cancellationToken);

    public Task<Committed<Project>?> CancelAsync(string ownerId, string projectId, double now, CancellationToken cancellationToken) =>
        database.WriteAsync<Committed<Project>?>(async t =>
        {
            if (await t.ProjectAsync(projectId, ownerId) is not { } current)
            {
                return null;
            }
            var project = (await Transitions.ProjectAsync(t, current, ProjectStatus.Cancelled, "cancelled by user", now))!;
            var cancelled = 0;
            foreach (var (task, _) in await t.TasksInAsync(projectId, Unfinished))
            {
                var update = Transitions.Task(task.Id, task.StatusValue, Cancelled) with { Lease = new((null, null)), NotBefore = new(null) };
                cancelled += await t.UpdateTaskAsync(update, now) is null ? 0 : 1;
            }
            await t.ResolveCheckpointsAsync(new CheckpointScope(ProjectId: projectId), "cancelled", "project cancelled", now);
            return new Committed<Project>(project, [await t.AppendAsync(RunEvents.Cancelled(projectId, cancelled), now)]);
        }, cancellationToken);

    public Task<ProjectGraph?> LoadGraphAsync(string projectId, double now, CancellationToken cancellationToken) =>
        database.WriteAsync<ProjectGraph?>(async t =>
        {
            if (await t.ProjectAsync(projectId, null) is not { } project)
            {
                return null;
            }
            var (tasks, dependsOn) = await Transitions.ReconcileAsync(t, projectId, now);
            return new ProjectGraph(project, tasks, dependsOn);
        }, cancellationToken);

    public Task<IReadOnlyList<string>> ExecutingProjectIdsAsync(CancellationToken cancellationToken) =>
        database.ExecutingProjectIdsAsync(cancellationToken);

    public Task<ProjectStates?> StatesAsync(string projectId, CancellationToken cancellationToken) =>
        database.StatesAsync(projectId, cancellationToken);

    public Task<Committed<Project>?> FinishAsync(string projectId, ProjectStatus outcome, NewEvent closing, double now,
        CancellationToken cancellationToken) =>
        WhileExecutingAsync(projectId, now, async (t, current) =>
        {
            var project = (await Transitions.ProjectAsync(t, current, outcome, outcome == ProjectStatus.Failed ? closing.Message : null, now))!;
            return new Committed<Project>(project, [await t.AppendAsync(closing, now)]);
        }, cancellationToken);

    public Task<Committed<Project>?> WaveCheckpointAsync(string projectId, long wave, double now, CancellationToken cancellationToken) =>
        WhileExecutingAsync(projectId, now, async (t, current) =>
        {
            var project = (await Transitions.ProjectAsync(t, current, ProjectStatus.Paused, $"wave {wave} checkpoint", now))!;
            return new Committed<Project>(project, [await t.AppendAsync(RunEvents.WaveCheckpoint(projectId, wave), now)]);
        }, cancellationToken);

    public Task<Committed<Project?>?> PauseForBudgetAsync(string projectId, string? taskId, BudgetStop stop, double now,
        CancellationToken cancellationToken) =>
        WhileExecutingAsync<Project?>(projectId, now, async (t, current) =>
        {
            var project = await Transitions.ProjectAsync(t, current, ProjectStatus.Paused, $"budget exhausted ({stop.Scope})", now);
            var e = await t.AppendAsync(RunEvents.BudgetExhausted(projectId, taskId, stop.Scope, stop.LimitUsd, stop.Message), now);
            return new Committed<Project?>(project, [e]);
        }, cancellationToken);

    public Task<Committed<bool>?> AnnounceWaitingAsync(string projectId, double now, CancellationToken cancellationToken) =>
        WhileExecutingAsync<bool>(projectId, now, async (t, _) =>
        {
            var waiting = await t.TasksInAsync(projectId, [NeedsReview]);
            if (waiting.Count == 0)
            {
                return null;
            }
            var e = await t.AppendAsync(RunEvents.WaitingForPeople(projectId, waiting.Select(w => (w.Task.Id, w.Task.Title, w.OpenCheckpointId)).ToList()), now);
            return new Committed<bool>(true, [e]);
        }, cancellationToken);

    public Task<Committed<bool>?> AnnounceExternalWorkAsync(string projectId, double now, CancellationToken cancellationToken) =>
        WhileExecutingAsync<bool>(projectId, now, async (t, _) =>
        {
            var open = await t.TasksInAsync(projectId, [Queued, Running]);
            var ready = open.Where(o => o.Task.StatusValue == Queued).Select(o => (o.Task.Id, o.Task.Title)).ToList();
            if (ready.Count == 0)
            {
                return null; // Only claimed tasks: the workers have them; nothing new to say.
            }
            var e = await t.AppendAsync(RunEvents.WaitingForWorkers(projectId, ready, open.Count - ready.Count), now);
            return new Committed<bool>(true, [e]);
        }, cancellationToken);

    /// <summary>Runs <paramref name="work"/> only while the project is executing; null otherwise.</summary>
    private Task<Committed<T>?> WhileExecutingAsync<T>(string projectId, double now,
        Func<IExecutionTransaction, Project, Task<Committed<T>?>> work, CancellationToken cancellationToken) =>
        database.WriteAsync(async t =>
            await t.ProjectAsync(projectId, null) is { StatusValue: ProjectStatus.Executing } current ? await work(t, current) : null,
            cancellationToken);
}
