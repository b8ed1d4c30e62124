using Orchestration.Core.Domain;
using Orchestration.Core.Events;
using Orchestration.Core.Lifecycle;
using Orchestration.Storage.Events;
using Orchestration.Storage.Execution;
using Orchestration.Storage.Knowledge;
using static Orchestration.Core.Domain.TaskItemStatus;

namespace Orchestration.Engine.Runs;

// A person's retry or cancel of a task, and review answers; checkpoint resolution is in ReviewStore.Checkpoints.cs.
internal sealed partial class ReviewStore(IExecutionDatabase database) : IReviewStore
{
    public Task<Committed<TaskActionOutcome>?> RetryTaskAsync(string ownerId, string taskId, int maxManualRetries, double now,
        CancellationToken cancellationToken) =>
        ActAsync(ownerId, taskId, row => RefuseProject(row)
            ?? (row.Status is TaskStatusNames.Failed or TaskStatusNames.Cancelled ? null : new IllegalTransitionException("task", row.Status, "retry").Message)
            ?? RefuseRetryLimit(row, maxManualRetries),
            async (t, row) =>
            {
                await t.UpdateTaskAsync(Transitions.Task(taskId, Status(row), Pending) with
                {
                    Error = new(null), NotBefore = new(null), Lease = new((null, null)), ResetAutoRetries = true, ManualRetryDelta = 1,
                    RetryDelta = 1, CompletedAt = new(null),
                }, now);
                // Readiness of this task and of everything it blocked is derived again from its dependencies.
                await Transitions.ReadinessAsync(t, taskId, SliceScope.SelfAndDownstream, now);
                return [await t.AppendAsync(PeopleEvents.RetryRequested(row.ProjectId, taskId, row.Title, "manual", row.ManualRetries + 1, null), now)];
            }, cancellationToken);

    public Task<Committed<TaskActionOutcome>?> CancelTaskAsync(string ownerId, string taskId, double now, CancellationToken cancellationToken) =>
        ActAsync(ownerId, taskId, row => RefuseProject(row)
            ?? (TaskTransitions.CanMove(Status(row), Cancelled) ? null : new IllegalTransitionException("task", row.Status, Cancelled.ToWire()).Message),
            async (t, row) =>
            {
                await t.UpdateTaskAsync(Transitions.Task(taskId, Status(row), Cancelled) with { NotBefore = new(null), Lease = new((null, null)) }, now);
                await t.ResolveCheckpointsAsync(new CheckpointScope(TaskId: taskId), "cancelled", "task cancelled", now);
                var blocked = Transitions.Ids(await Transitions.ReadinessAsync(t, taskId, SliceScope.Downstream, now), Blocked);
                return [await t.AppendAsync(PeopleEvents.Cancelled(row.ProjectId, taskId, row.Title, blocked, Status(row) == Running), now)];
            }, cancellationToken);

    public Task<Committed<TaskActionOutcome>?> ApproveAsync(string ownerId, string taskId, IReadOnlyList<NewFinding> findings, double now,
        CancellationToken cancellationToken) =>
        ActAsync(ownerId, taskId, row => RefuseWaiting(row, "approved")
            ?? (row.HasOutput ? null : $"'{row.Title}' has no output to approve; retry it or resolve its checkpoint."),
            async (t, row) =>
            {
                await t.UpdateTaskAsync(Transitions.Task(taskId, NeedsReview, Completed) with
                {
                    Error = new(null), Skipped = new(false), CompletedAt = new(now),
                }, now);
                await t.ResolveCheckpointsAsync(new CheckpointScope(TaskId: taskId), "approved", "approved by review", now);
                await Transitions.ReadinessAsync(t, taskId, SliceScope.Downstream, now);
                var events = new List<StoredEvent> { await t.AppendAsync(PeopleEvents.Approved(row.ProjectId, taskId, row.Title), now) };
                events.AddRange(await AttemptStore.LearnAsync(t, row.ProjectId, taskId, row.Title, findings, now));
                return events;
            }, cancellationToken);

    public Task<Committed<TaskActionOutcome>?> RetryWithFeedbackAsync(string ownerId, string taskId, FeedbackEntry? feedback, int maxManualRetries,
        double now, CancellationToken cancellationToken) =>
        ActAsync(ownerId, taskId, row => RefuseWaiting(row, "retried") ?? RefuseRetryLimit(row, maxManualRetries),
            async (t, row) =>
            {
                await t.ResolveCheckpointsAsync(new CheckpointScope(TaskId: taskId), "retry", feedback?.Text ?? "retried by review", now);
                return [await RestartAsync(t, row, feedback, "review", now)];
            }, cancellationToken);

    /// <summary>needs_review → pending with the feedback for the next attempt, then readiness from its dependencies.</summary>
    private static async Task<StoredEvent> RestartAsync(IExecutionTransaction t, OwnedTask row, FeedbackEntry? feedback, string reason, double now)
    {
        await t.UpdateTaskAsync(Transitions.Task(row.Id, NeedsReview, Pending) with
        {
            Error = new(null), NotBefore = new(null), VerificationStatus = new(null), VerificationNotes = new(null),
            FeedbackJson = feedback is null ? null : new(FeedbackLog.Append(row.FeedbackJson, feedback)),
            ResetAutoRetries = true, ManualRetryDelta = 1, RetryDelta = 1, Partial = new(false), Skipped = new(false), CompletedAt = new(null),
        }, now);
        await Transitions.ReadinessAsync(t, row.Id, SliceScope.SelfAndDownstream, now);
        return await t.AppendAsync(PeopleEvents.RetryRequested(row.ProjectId, row.Id, row.Title, reason, row.ManualRetries + 1, feedback?.Text), now);
    }

    /// <summary>Reads the owner's task, refuses with a reason, or acts and reports the project's status after.</summary>
    private Task<Committed<TaskActionOutcome>?> ActAsync(string ownerId, string taskId, Func<OwnedTask, string?> refuse,
        Func<IExecutionTransaction, OwnedTask, Task<IReadOnlyList<StoredEvent>>> act, CancellationToken cancellationToken) =>
        database.WriteAsync<Committed<TaskActionOutcome>?>(async t =>
        {
            if (await t.OwnedTaskAsync(ownerId, taskId) is not { } row)
            {
                return null;
            }
            var outcome = new TaskActionOutcome(taskId, row.ProjectId, row.ProjectStatus, refuse(row));
            return outcome.Done ? new Committed<TaskActionOutcome>(outcome, await act(t, row)) : new Committed<TaskActionOutcome>(outcome, []);
        }, cancellationToken);

    private static TaskItemStatus Status(OwnedTask row) => WireNames.Parse<TaskItemStatus>(row.Status);

    private static string? RefuseProject(OwnedTask row) =>
        row.ProjectStatus == ProjectStatus.Cancelled.ToWire() ? "The project is cancelled." : null;

    private static string? RefuseWaiting(OwnedTask row, string action) =>
        RefuseProject(row)
        ?? (Status(row) != NeedsReview
            ? new IllegalTransitionException("task", row.Status, action).Message + " Only a task waiting for review can be " + action + "."
            : null);

    private static string? RefuseRetryLimit(OwnedTask row, int maxManualRetries) =>
        row.ManualRetries >= maxManualRetries
            ? $"The task was already retried by hand {row.ManualRetries} times (execution.max_task_retries = {maxManualRetries})."
            : null;
}
