using Orchestration.Core.Domain;
using Orchestration.Core.Events;
using Orchestration.Storage.Events;
using Orchestration.Storage.Execution;
using Orchestration.Storage.Knowledge;
using static Orchestration.Core.Domain.TaskItemStatus;

namespace Orchestration.Engine.Runs;

// Exactly one guarded outcome per attempt, each with the readiness it causes and the events reporting it.
internal sealed partial class AttemptStore
{
    public Task<Committed<IReadOnlyList<string>>?> CompleteAsync(AttemptKey key, AttemptResult result, double now, CancellationToken cancellationToken) =>
        database.WriteAsync<Committed<IReadOnlyList<string>>?>(async t =>
        {
            var task = await t.UpdateTaskAsync(Transitions.EndAttempt(key, Completed) with
            {
                OutputText = new(result.OutputText),
                ModelUsed = new(result.ModelUsed),
                PromptTokens = result.PromptTokens,
                CompletionTokens = result.CompletionTokens,
                CostNanos = result.CostNanos,
                Error = new(null),
                VerificationStatus = new(result.VerificationStatus),
                VerificationNotes = new(result.VerificationNotes),
                Artifacts = new(result.Artifacts),
                Partial = new(result.Partial),
                Skipped = new(false),
                CompletedAt = new(now),
            }, now);
            if (task is null)
            {
                return null;
            }
            var ready = Transitions.Ids(await Transitions.ReadinessAsync(t, key.TaskId, SliceScope.Dependants, now), Queued);
            var events = new List<StoredEvent>
            {
                await t.AppendAsync(AttemptEvents.Completed(key.ProjectId, key.TaskId, task.Title, new AttemptEvents.Completion(
                    result.ModelUsed, result.PromptTokens, result.CompletionTokens, result.CostNanos, result.VerificationStatus,
                    result.VerificationNotes, result.Partial, result.Artifacts.Select(a => a.Path).ToList())), now),
            };
            events.AddRange(await LearnAsync(t, key.ProjectId, key.TaskId, task.Title, result.Findings, now));
            return new Committed<IReadOnlyList<string>>(ready, events);
        }, cancellationToken);

    public Task<Committed<bool>?> VerificationRetryAsync(AttemptKey key, AttemptResult result, FeedbackEntry feedback, string? escalateTo,
        double now, CancellationToken cancellationToken) =>
        database.WriteAsync<Committed<bool>?>(async t =>
        {
            if (await t.AttemptTaskAsync(key) is not { } current)
            {
                return null;
            }
            var task = (await t.UpdateTaskAsync(Transitions.EndAttempt(key, Queued) with
            {
                NotBefore = new(null),
                OutputText = new(result.OutputText),
                ModelUsed = new(result.ModelUsed),
                PromptTokens = result.PromptTokens,
                CompletionTokens = result.CompletionTokens,
                CostNanos = result.CostNanos,
                VerificationStatus = new(VerificationStatus.GapsFound.ToWire()),
                VerificationNotes = new(feedback.Text),
                FeedbackJson = new(FeedbackLog.Append(current.FeedbackJson, feedback)),
                ModelTier = escalateTo is null ? null : new(escalateTo),
                Error = new(null),
                AutoRetryDelta = 1,
                RetryDelta = 1,
            }, now))!;
            var escalatedFrom = escalateTo is not null && escalateTo != current.ModelTier ? current.ModelTier : null;
            var e = await t.AppendAsync(AttemptEvents.VerificationRetry(key.ProjectId, key.TaskId, task.Title, key.Attempt, task.AutoRetriesUsed,
                feedback.Text, task.ModelTier, escalatedFrom, result.CostNanos), now);
            return new Committed<bool>(true, [e]);
        }, cancellationToken);

    public Task<Committed<IReadOnlyList<string>>?> WaitForPeopleAsync(AttemptKey key, AttemptResult? result, PeopleWait wait, double now,
        CancellationToken cancellationToken) =>
        database.WriteAsync<Committed<IReadOnlyList<string>>?>(async t =>
        {
            // An attempt without a result keeps the output, model and verification of an earlier one.
            var task = await t.UpdateTaskAsync(Transitions.EndAttempt(key, NeedsReview) with
            {
                OutputText = result is null ? null : new(result.OutputText),
                ModelUsed = result is null ? null : new(result.ModelUsed),
                PromptTokens = result?.PromptTokens ?? 0,
                CompletionTokens = result?.CompletionTokens ?? 0,
                CostNanos = result?.CostNanos ?? 0,
                VerificationStatus = result?.VerificationStatus is { } status ? new(status) : null,
                VerificationNotes = result?.VerificationNotes is { } notes ? new(notes) : null,
                Error = new(wait.Error),
                NotBefore = new(null),
            }, now);
            if (task is null)
            {
                return null;
            }
            var blocked = Transitions.Ids(await Transitions.ReadinessAsync(t, key.TaskId, SliceScope.Downstream, now), Blocked);
            var events = new List<StoredEvent>();
            if (result is not null)
            {
                events.Add(await t.AppendAsync(PeopleEvents.NeedsReview(key.ProjectId, key.TaskId, wait.Message, wait.Reason,
                    result.VerificationStatus, result.VerificationNotes, blocked, result.CostNanos), now));
            }
            if (wait.Checkpoint is { } checkpoint)
            {
                var final = $"Attempt {key.Attempt}: " + (wait.Error ?? (checkpoint.Errors.Count > 0 ? checkpoint.Errors[^1] : wait.Reason));
                var opened = await t.OpenCheckpointAsync(key.ProjectId, key.TaskId, checkpoint, final, now);
                events.Add(await t.AppendAsync(PeopleEvents.CheckpointOpened(key.ProjectId, key.TaskId, task.Title, wait.Reason, opened.Id,
                    opened.CheckpointType, opened.Question, blocked), now));
            }
            return new Committed<IReadOnlyList<string>>(blocked, events);
        }, cancellationToken);

    public Task<Committed<bool>?> ScheduleRetryAsync(AttemptKey key, double notBefore, string error, double now, CancellationToken cancellationToken) =>
        OutcomeAsync(key, now, Transitions.EndAttempt(key, Queued) with
        {
            NotBefore = new(notBefore), Error = new(error), AutoRetryDelta = 1, RetryDelta = 1,
        }, task => AttemptEvents.RetryScheduled(key.ProjectId, key.TaskId, task.Title, key.Attempt, task.AutoRetriesUsed, notBefore, now),
        cancellationToken);

    public Task<Committed<IReadOnlyList<string>>?> FailAsync(AttemptKey key, string error, double now, CancellationToken cancellationToken) =>
        database.WriteAsync<Committed<IReadOnlyList<string>>?>(async t =>
        {
            if (await t.UpdateTaskAsync(Transitions.EndAttempt(key, Failed) with { Error = new(error) }, now) is not { } task)
            {
                return null;
            }
            var blocked = Transitions.Ids(await Transitions.ReadinessAsync(t, key.TaskId, SliceScope.Downstream, now), Blocked);
            var e = await t.AppendAsync(AttemptEvents.Failed(key.ProjectId, key.TaskId, task.Title, key.Attempt, blocked), now);
            return new Committed<IReadOnlyList<string>>(blocked, [e]);
        }, cancellationToken);

    public Task<Committed<bool>?> RequeueAsync(AttemptKey key, string reason, double now, CancellationToken cancellationToken) =>
        OutcomeAsync(key, now, Transitions.EndAttempt(key, Queued) with { NotBefore = new(null) },
            task => AttemptEvents.Interrupted(key.ProjectId, key.TaskId, task.Title, reason, reason), cancellationToken);

    public Task<Committed<bool>?> HoldForBudgetAsync(AttemptKey key, BudgetStop stop, double now, CancellationToken cancellationToken) =>
        OutcomeAsync(key, now, Unclaim(key, null),
            task => AttemptEvents.WaitingForBudget(key.ProjectId, key.TaskId, task.Title, stop.Scope, stop.LimitUsd), cancellationToken);

    public Task<Committed<bool>?> DeferAsync(AttemptKey key, double notBefore, NewEvent? announcement, double now, CancellationToken cancellationToken) =>
        OutcomeAsync(key, now, Unclaim(key, notBefore), _ => announcement, cancellationToken);

    /// <summary>Back to the queue as if the attempt never started (it did not run its model): the attempt number is given
    /// back, so deferrals use up no retries.</summary>
    private static TaskUpdate Unclaim(AttemptKey key, double? notBefore) =>
        Transitions.EndAttempt(key, Queued) with { NotBefore = new(notBefore), AttemptDelta = -1 };

    /// <summary>One guarded write of the attempt's task and the event it makes (none when it makes null).</summary>
    private Task<Committed<bool>?> OutcomeAsync(AttemptKey key, double now, TaskUpdate update, Func<ExecutionTask, NewEvent?> report,
        CancellationToken cancellationToken) =>
        database.WriteAsync<Committed<bool>?>(async t =>
        {
            if (await t.UpdateTaskAsync(update, now) is not { } task)
            {
                return null;
            }
            return new Committed<bool>(true, report(task) is { } e ? [await t.AppendAsync(e, now)] : []);
        }, cancellationToken);

    /// <summary>Stores new findings and returns their events: knowledge_extracted for those accepted at once (later tasks
    /// see them), knowledge_proposed for those that wait for a person. None when nothing was new.</summary>
    internal static async Task<IReadOnlyList<StoredEvent>> LearnAsync(IExecutionTransaction t, string projectId, string taskId, string title,
        IReadOnlyList<NewFinding> findings, double now)
    {
        var added = await t.AddFindingsAsync(projectId, taskId, findings, now);
        var events = new List<StoredEvent>();
        var accepted = added.Where(k => k.Status == KnowledgeStatus.Accepted.ToWire()).ToList();
        if (accepted.Count > 0)
        {
            events.Add(await t.AppendAsync(WorkEvents.KnowledgeExtracted(projectId, taskId, title, accepted.Select(k => (k.Id, k.Category)).ToList()), now));
        }
        var proposed = added.Where(k => k.Status == KnowledgeStatus.Proposed.ToWire()).ToList();
        if (proposed.Count > 0)
        {
            events.Add(await t.AppendAsync(WorkEvents.KnowledgeProposed(projectId, taskId, title, proposed[0].Source,
                proposed.Select(k => (k.Id, k.Category, k.ScreenReason)).ToList()), now));
        }
        return events;
    }
}
