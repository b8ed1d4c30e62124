using Orchestration.Core.Configuration;
using Orchestration.Core.Events;
using Orchestration.Storage.Events;
using Orchestration.Storage.Execution;
using Orchestration.Storage.Knowledge;
using static Orchestration.Core.Domain.TaskItemStatus;

namespace Orchestration.Engine.Runs;

// Ending a wait nobody answered (execution.wait_expiry).
internal sealed partial class ReviewStore
{
    public Task<Committed<TaskActionOutcome>?> ExpireWaitAsync(string ownerId, string taskId, string action, double cutoff,
        IReadOnlyList<NewFinding> findings, double now, CancellationToken cancellationToken) =>
        // NOTE: the same guard as a person's answer (the task still needs_review, read under the project's lock on PostgreSQL),
        // and the wait must be the one found expired: a person (or another node) that answered first wins.
        ActAsync(ownerId, taskId, row => RefuseWaiting(row, "ended")
            ?? (row.UpdatedAt > cutoff ? "The task began waiting again after the expiry was found." : null),
            async (t, row) =>
            {
                // A task without output has nothing to approve: its wait ends as a skip.
                var taken = action == WaitExpiryOptions.Approve && !row.HasOutput ? WaitExpiryOptions.Skip : action;
                var openCheckpoint = await OpenCheckpointOfAsync(t, row);
                var events = new List<StoredEvent>
                {
                    await t.AppendAsync(PeopleEvents.WaitExpired(row.ProjectId, taskId, row.Title, taken, (now - row.UpdatedAt) / 3600, openCheckpoint), now),
                };
                var resolution = taken == WaitExpiryOptions.Approve ? "approved" : taken;
                if (await t.ResolveCheckpointsAsync(new CheckpointScope(TaskId: taskId), resolution, "wait expired", now) > 0 && openCheckpoint is not null)
                {
                    events.Add(await t.AppendAsync(PeopleEvents.CheckpointResolved(row.ProjectId, taskId, row.Title, openCheckpoint, taken, "wait expired"), now));
                }
                switch (taken)
                {
                    case WaitExpiryOptions.Approve:
                        await t.UpdateTaskAsync(Transitions.Task(taskId, NeedsReview, Completed) with
                        {
                            Error = new(null), Skipped = new(false), CompletedAt = new(now),
                        }, now);
                        await Transitions.ReadinessAsync(t, taskId, SliceScope.Downstream, now);
                        events.Add(await t.AppendAsync(PeopleEvents.Approved(row.ProjectId, taskId, row.Title), now));
                        events.AddRange(await AttemptStore.LearnAsync(t, row.ProjectId, taskId, row.Title, findings, now));
                        break;
                    case WaitExpiryOptions.Skip:
                        await t.UpdateTaskAsync(Transitions.Task(taskId, NeedsReview, Completed) with
                        {
                            Skipped = new(true), Error = new(null), CompletedAt = new(now),
                        }, now);
                        await Transitions.ReadinessAsync(t, taskId, SliceScope.Downstream, now);
                        break;
                    default:
                        await t.UpdateTaskAsync(Transitions.Task(taskId, NeedsReview, Failed) with { Error = new("Nobody answered its wait in time (execution.wait_expiry).") }, now);
                        var blocked = Transitions.Ids(await Transitions.ReadinessAsync(t, taskId, SliceScope.Downstream, now), Blocked);
                        events.Add(await t.AppendAsync(PeopleEvents.FailedByExpiry(row.ProjectId, taskId, row.Title, blocked), now));
                        break;
                }
                return events;
            }, cancellationToken);

    private static async Task<string?> OpenCheckpointOfAsync(IExecutionTransaction t, OwnedTask row)
    {
        var waiting = await t.TasksInAsync(row.ProjectId, [NeedsReview]);
        return waiting.FirstOrDefault(w => w.Task.Id == row.Id).OpenCheckpointId;
    }
}
