using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestration.Core.Configuration;
using Orchestration.Core.Domain;
using Orchestration.Core.Events;
using Orchestration.Core.Knowledge;
using Orchestration.Engine.Events;
using Orchestration.Engine.Execution;
using Orchestration.Engine.Knowledge;
using Orchestration.Engine.Models;
using Orchestration.Engine.Verification;
using Orchestration.Storage.Execution;
using Orchestration.Storage.Knowledge;
using Orchestration.Storage.Projects;
using Orchestration.Storage.Tasks;
using Orchestration.Engine.Runs;

namespace Orchestration.Engine.Review;

internal sealed class ReviewControl(
    IReviewStore store, ITaskReadStore tasks, IProjectStore projects, KnowledgeExtractor extractor, IEventBus bus, IExecutionControl execution,
    ExecutionHooks hooks, ExecutionOptions executionOptions, TimeProvider time) : IReviewControl
{
    public async Task<TaskActionOutcome?> ReviewAsync(string ownerId, string taskId, ReviewAction action, string? feedback,
        CancellationToken cancellationToken)
    {
        Committed<TaskActionOutcome>? committed;
        if (action == ReviewAction.Approve)
        {
            var view = await tasks.GetAsync(ownerId, taskId, cancellationToken);
            if (view is null)
            {
                return null;
            }
            var task = view.Task;
            // Approving forwards the output like a completion does, so it is mined for knowledge like one (first: the
            // model call happens outside the write transaction).
            var findings = task.StatusValue == TaskItemStatus.NeedsReview
                ? await extractor.ExtractAsync(new ModelCallContext(ownerId, task.ProjectId, task.Id, CallPurpose.Knowledge),
                    new TaskBrief(task.Title, task.TaskType, task.Description, task.VerificationCriteria), task.OutputText, cancellationToken)
                : [];
            committed = await store.ApproveAsync(ownerId, taskId, findings, time.NowEpoch(), cancellationToken);
            if (committed?.Value is { Done: true } approved)
            {
                // The approval completed the task: the hooks run before the executor hears of it, as after a completion on a
                // worker (dependants, and the end of the run, come after them).
                bus.Publish(committed.Events);
                await CompletedAsync(ownerId, taskId, CancellationToken.None);
                execution.NotifyChanged(approved.ProjectId);
                return approved;
            }
        }
        else
        {
            var entry = string.IsNullOrWhiteSpace(feedback) ? null : new FeedbackEntry("reviewer", feedback.Trim(), time.NowEpoch());
            committed = await store.RetryWithFeedbackAsync(ownerId, taskId, entry, executionOptions.MaxTaskRetries, time.NowEpoch(), cancellationToken);
        }
        return Announce(committed, committed?.Value is { Done: true } done ? done.ProjectId : null);
    }

    public async Task<CheckpointResolution?> ResolveCheckpointAsync(string ownerId, string checkpointId, CheckpointDecision decision,
        CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(decision.Gotcha))
        {
            // A gotcha goes into every later prompt like an extracted finding, so it is admitted under the same policy.
            var admission = KnowledgeAdmission.Admit(executionOptions.ParsedKnowledgePolicy(), KnowledgeSource.Checkpoint, decision.Gotcha);
            decision = decision with { GotchaStatus = admission.Status.ToWire(), GotchaScreenReason = admission.ScreenReason };
        }
        var committed = await store.ResolveCheckpointAsync(ownerId, checkpointId, decision, executionOptions.MaxTaskRetries, time.NowEpoch(),
            cancellationToken);
        return Announce(committed, committed?.Value is { Done: true } done ? done.Checkpoint.ProjectId : null);
    }

    public async Task<TaskActionOutcome?> ExpireWaitAsync(ExpiredWait wait, string action, double cutoff, CancellationToken cancellationToken)
    {
        IReadOnlyList<NewFinding> findings = [];
        if (action == WaitExpiryOptions.Approve && wait.HasOutput && await tasks.GetAsync(wait.OwnerId, wait.TaskId, cancellationToken) is { Task: var task })
        {
            findings = await extractor.ExtractAsync(new ModelCallContext(wait.OwnerId, task.ProjectId, task.Id, CallPurpose.Knowledge),
                new TaskBrief(task.Title, task.TaskType, task.Description, task.VerificationCriteria), task.OutputText, cancellationToken);
        }
        var committed = await store.ExpireWaitAsync(wait.OwnerId, wait.TaskId, action, cutoff, findings, time.NowEpoch(), cancellationToken);
        if (committed?.Value is { Done: true } done && committed.Events.Any(e => e.Type == EventTypes.TaskComplete && e.TaskId == wait.TaskId)
            && action == WaitExpiryOptions.Approve && wait.HasOutput)
        {
            // Approved: the hooks run before the executor hears of it, as after a person's approval.
            bus.Publish(committed.Events);
            await CompletedAsync(wait.OwnerId, wait.TaskId, CancellationToken.None);
            execution.NotifyChanged(done.ProjectId);
            return done;
        }
        return Announce(committed, committed?.Value is { Done: true } ended ? ended.ProjectId : null);
    }

    /// <summary>Runs the execution hooks for a task that an approval completed, with the task as it is now stored.</summary>
    private async Task CompletedAsync(string ownerId, string taskId, CancellationToken cancellationToken)
    {
        if (!hooks.Any || await tasks.GetAsync(ownerId, taskId, cancellationToken) is not { Task: var task })
        {
            return;
        }
        var project = await projects.GetForEngineAsync(task.ProjectId, cancellationToken);
        await hooks.TaskCompletedAsync(new CompletedTask(ownerId, task.ProjectId, project?.Name ?? "", task.Id, task.TaskIndex, task.Title,
            task.OutputText ?? "", ArtifactPaths(task.OutputArtifactsJson)), cancellationToken);
    }

    private static string[] ArtifactPaths(string json)
    {
        try
        {
            return JsonNode.Parse(json) is JsonArray items
                ? [.. items.Select(i => i?["path"]?.GetValue<string>()).OfType<string>()]
                : [];
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return [];
        }
    }

    /// <summary>The change is committed: publish its events, then let the executor re-read the project.</summary>
    private T? Announce<T>(Committed<T>? committed, string? changedProject) where T : class
    {
        if (committed is null)
        {
            return null;
        }
        bus.Publish(committed.Events);
        if (changedProject is not null)
        {
            execution.NotifyChanged(changedProject);
        }
        return committed.Value;
    }
}
