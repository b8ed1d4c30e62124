using Orchestration.Core.Domain;
using Orchestration.Core.Events;
using Orchestration.Storage.Events;
using Orchestration.Storage.Execution;
using Orchestration.Storage.Knowledge;
using static Orchestration.Core.Domain.TaskItemStatus;

namespace Orchestration.Engine.Runs;

// Resolving a checkpoint (docs/api.md: POST /api/checkpoints/{id}/resolve).
internal sealed partial class ReviewStore
{
    public Task<Committed<CheckpointResolution>?> ResolveCheckpointAsync(string ownerId, string checkpointId, CheckpointDecision decision,
        int maxManualRetries, double now, CancellationToken cancellationToken) =>
        database.WriteAsync<Committed<CheckpointResolution>?>(async t =>
        {
            if (await t.CheckpointAsync(ownerId, checkpointId) is not { } checkpoint)
            {
                return null;
            }
            var row = checkpoint.TaskId is null ? null : await t.OwnedTaskAsync(ownerId, checkpoint.TaskId);
            var refusal = checkpoint.ResolvedAt is not null ? $"The checkpoint was already resolved ({checkpoint.Resolution})."
                : row is null ? "The checkpoint's task no longer exists."
                : RefuseWaiting(row, decision.Action switch { "fail" => "failed", "skip" => "skipped", _ => "retried" })
                  ?? (decision.Action == "retry" ? RefuseRetryLimit(row, maxManualRetries) : null);
            if (refusal is not null)
            {
                return new Committed<CheckpointResolution>(new CheckpointResolution(checkpoint, refusal), []);
            }
            var task = row!;
            var guidance = string.IsNullOrWhiteSpace(decision.Guidance) ? null : decision.Guidance.Trim();
            await t.ResolveCheckpointsAsync(new CheckpointScope(CheckpointId: checkpointId), decision.Action, guidance, now);
            var events = new List<StoredEvent>
            {
                await t.AppendAsync(PeopleEvents.CheckpointResolved(task.ProjectId, task.Id, task.Title, checkpointId, decision.Action, guidance), now),
            };
            switch (decision.Action)
            {
                case "retry":
                    events.Add(await RestartAsync(t, task, guidance is null ? null : new FeedbackEntry("checkpoint", guidance, now), "checkpoint", now));
                    break;
                case "skip":
                    // The task counts as done without output: its dependants run, told that it was skipped.
                    await t.UpdateTaskAsync(Transitions.Task(task.Id, NeedsReview, Completed) with
                    {
                        Skipped = new(true), Error = new(null), CompletedAt = new(now),
                    }, now);
                    await Transitions.ReadinessAsync(t, task.Id, SliceScope.Downstream, now);
                    break;
                default:
                    var error = "Failed at a checkpoint by a person" + (guidance is null ? "." : $": {guidance}");
                    await t.UpdateTaskAsync(Transitions.Task(task.Id, NeedsReview, Failed) with { Error = new(error) }, now);
                    var blocked = Transitions.Ids(await Transitions.ReadinessAsync(t, task.Id, SliceScope.Downstream, now), Blocked);
                    events.Add(await t.AppendAsync(PeopleEvents.FailedAtCheckpoint(task.ProjectId, task.Id, task.Title, blocked), now));
                    break;
            }
            if (!string.IsNullOrWhiteSpace(decision.Gotcha))
            {
                events.AddRange(await AttemptStore.LearnAsync(t, task.ProjectId, task.Id, task.Title,
                    [new NewFinding(KnowledgeCategory.Gotcha.ToWire(), decision.Gotcha.Trim())
                    {
                        Source = KnowledgeSource.Checkpoint.ToWire(), CheckpointId = checkpointId, AddedBy = ownerId,
                        Status = decision.GotchaStatus, ScreenReason = decision.GotchaScreenReason,
                    }], now));
            }
            return new Committed<CheckpointResolution>(new CheckpointResolution((await t.CheckpointAsync(ownerId, checkpointId))!, null), events);
        }, cancellationToken);
}
