using Microsoft.Extensions.Logging;
using Orchestration.Core.Domain;
using Orchestration.Core.Routing;
using Orchestration.Engine.Models;
using Orchestration.Engine.Verification;
using Orchestration.Storage.Checkpoints;
using Orchestration.Storage.Execution;

namespace Orchestration.Engine.Execution;

// What an attempt that produced an output ends as: completed, retried with the verifier's notes, or waiting for a person.
internal sealed partial class TaskAttemptRunner
{
    /// <summary>An external worker's result goes the way of any attempt's: verified (a retry with the verifier's notes
    /// or a review when it falls short), knowledge extracted, completed.</summary>
    public Task<AttemptOutcome> ConcludeExternalAsync(AttemptContext context, string output, string model) =>
        ConcludeAsync(context, new LoopOutcome(output, model, 0, 0, 0, 0, [], null), CancellationToken.None);

    private async Task<AttemptOutcome> ConcludeAsync(AttemptContext context, LoopOutcome work, CancellationToken cancellationToken)
    {
        var task = context.Task;
        var result = new AttemptResult(work.Output, work.Model, work.PromptTokens, work.CompletionTokens, work.CostNanos)
        {
            Artifacts = work.Artifacts,
            Partial = work.Partial,
        };
        if (work.Stopped is { } stop)
        {
            // A partial result is not worth verifying (and the budget would refuse it): it completes as it is and the
            // project's paid tasks wait for the cap to be raised.
            result = result with { VerificationStatus = VerificationStatus.Skipped.ToWire(), VerificationNotes = $"Not verified: partial result ({stop.Message})" };
            return await CompletedAsync(context, result, new AttemptOutcome(AttemptOutcomeKind.CompletedHeld, Budget: stop));
        }
        var call = new ModelCallContext(context.OwnerId, context.Key.ProjectId, task.Id, CallPurpose.Verification);
        var brief = new TaskBrief(task.Title, task.TaskType, task.Description, task.VerificationCriteria);
        if (Options.VerificationEnabled)
        {
            var verdict = await verifier.VerifyAsync(call, brief, work.Output, cancellationToken);
            result = result with { VerificationStatus = verdict.Status.ToWire(), VerificationNotes = verdict.Notes };
            if (verdict.Status == VerificationStatus.GapsFound)
            {
                return await GapsFoundAsync(context, result, verdict.Notes);
            }
            if (verdict.Status == VerificationStatus.HumanNeeded)
            {
                LogNeedsReview(logger, task.Id);
                var wait = new PeopleWait("human_needed", $"'{task.Title}' needs review: {verdict.Notes}", null);
                return Published(await store.WaitForPeopleAsync(context.Key, result, wait, time.NowEpoch(), CancellationToken.None), AttemptOutcome.NeedsReview);
            }
        }
        var findings = await extractor.ExtractAsync(call, brief, work.Output, cancellationToken);
        result = result with { Findings = findings };
        return await CompletedAsync(context, result, AttemptOutcome.Completed);
    }

    /// <summary>Commits the completion, publishes it, then runs the execution hooks (on this worker).</summary>
    private async Task<AttemptOutcome> CompletedAsync(AttemptContext context, AttemptResult result, AttemptOutcome outcome)
    {
        var published = Published(await store.CompleteAsync(context.Key, result, time.NowEpoch(), CancellationToken.None), outcome);
        if (published != AttemptOutcome.Lost && hooks.Any)
        {
            var task = context.Task;
            await hooks.TaskCompletedAsync(new CompletedTask(context.OwnerId, context.Key.ProjectId, context.ProjectName, task.Id, task.TaskIndex,
                task.Title, result.OutputText, [.. result.Artifacts.Select(a => a.Path)]), CancellationToken.None);
        }
        return published;
    }

    /// <summary>Another attempt with the notes as feedback (one tier up with routing.escalate_on_gaps) while automatic
    /// retries remain; after that the task waits for a person, with a checkpoint when configured.</summary>
    private async Task<AttemptOutcome> GapsFoundAsync(AttemptContext context, AttemptResult result, string notes)
    {
        var task = context.Task;
        var now = time.NowEpoch();
        if (task.AutoRetriesUsed < Options.AutoRetries)
        {
            var escalateTo = routingOptions.EscalateOnGaps ? ModelRouter.OneUp(TierOf(task))?.ToWire() : null;
            return Published(await store.VerificationRetryAsync(context.Key, result, new FeedbackEntry("verifier", notes, now), escalateTo, now,
                CancellationToken.None), AttemptOutcome.Changed);
        }
        LogNeedsReview(logger, task.Id);
        var attempts = context.Key.Attempt;
        var checkpoint = Options.CheckpointOnRetryExhausted
            ? new NewCheckpoint(CheckpointTypes.VerificationExhausted,
                $"The verifier still finds gaps in '{task.Title}' after {attempts} attempt{(attempts == 1 ? "" : "s")}: {notes}", [notes],
                "Approve the output as it is (review), retry with guidance, skip it (its dependants run without its output), or fail it?")
            : null;
        var wait = new PeopleWait("verification_exhausted",
            $"'{task.Title}' needs review: the verifier still finds gaps after {attempts} attempt{(attempts == 1 ? "" : "s")}", checkpoint);
        return Published(await store.WaitForPeopleAsync(context.Key, result, wait, now, CancellationToken.None), AttemptOutcome.NeedsReview);
    }

    [LoggerMessage(EventId = 6101, Level = LogLevel.Warning, Message = "Task {TaskId} attempt {Attempt} failed; retrying in {DelaySeconds:0.0} s")]
    private static partial void LogRetrying(ILogger logger, string taskId, long attempt, double delaySeconds, Exception exception);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Warning, Message = "Task {TaskId} failed on attempt {Attempt}")]
    private static partial void LogFailed(ILogger logger, string taskId, long attempt, Exception exception);

    [LoggerMessage(EventId = 6103, Level = LogLevel.Information, Message = "Task {TaskId} was cancelled while running")]
    private static partial void LogCancelled(ILogger logger, string taskId);

    [LoggerMessage(EventId = 6104, Level = LogLevel.Warning, Message = "Task {TaskId} refused by the {Scope} budget; the project's paid tasks wait")]
    private static partial void LogBudgetRefused(ILogger logger, string taskId, string scope);

    [LoggerMessage(EventId = 6108, Level = LogLevel.Warning, Message = "Task {TaskId}: the spend of an attempt that ended without a result was not added to the task")]
    private static partial void LogSpendNotRecorded(ILogger logger, string taskId, Exception exception);

    [LoggerMessage(EventId = 6105, Level = LogLevel.Information, Message = "Task {TaskId} waits for a person's review")]
    private static partial void LogNeedsReview(ILogger logger, string taskId);
}
