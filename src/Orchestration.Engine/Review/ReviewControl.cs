using Orchestration.Core.Configuration;
using Orchestration.Core.Domain;
using Orchestration.Engine.Events;
using Orchestration.Engine.Execution;
using Orchestration.Engine.Knowledge;
using Orchestration.Engine.Models;
using Orchestration.Engine.Verification;
using Orchestration.Storage.Execution;
using Orchestration.Storage.Tasks;

namespace Orchestration.Engine.Review;

internal sealed class ReviewControl(
    IReviewStore store, ITaskReadStore tasks, KnowledgeExtractor extractor, IEventBus bus, IExecutionControl execution,
    OrchestrationConfig config, TimeProvider time) : IReviewControl
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
        }
        else
        {
            var entry = string.IsNullOrWhiteSpace(feedback) ? null : new FeedbackEntry("reviewer", feedback.Trim(), time.NowEpoch());
            committed = await store.RetryWithFeedbackAsync(ownerId, taskId, entry, config.Execution.MaxTaskRetries, time.NowEpoch(), cancellationToken);
        }
        return Announce(committed, committed?.Value is { Done: true } done ? done.ProjectId : null);
    }

    public async Task<CheckpointResolution?> ResolveCheckpointAsync(string ownerId, string checkpointId, CheckpointDecision decision,
        CancellationToken cancellationToken)
    {
        var committed = await store.ResolveCheckpointAsync(ownerId, checkpointId, decision, config.Execution.MaxTaskRetries, time.NowEpoch(),
            cancellationToken);
        return Announce(committed, committed?.Value is { Done: true } done ? done.Checkpoint.ProjectId : null);
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
