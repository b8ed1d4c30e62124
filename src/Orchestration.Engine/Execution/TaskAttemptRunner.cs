using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Orchestration.Core.Configuration;
using Orchestration.Core.Domain;
using Orchestration.Core.Pricing;
using Orchestration.Core.Scheduling;
using Orchestration.Engine.Events;
using Orchestration.Engine.Models;
using Orchestration.Storage.Execution;

namespace Orchestration.Engine.Execution;

/// <summary>
/// Runs one attempt of one task (a worker): claim, call the routed model, then commit exactly one outcome and publish
/// its events. Never throws for a failure of the task itself; the outcome says what happened.
/// </summary>
internal sealed partial class TaskAttemptRunner(
    IExecutionStore store, IEventBus bus, TaskPromptBuilder prompts, IModelGateway gateway, OrchestrationConfig config,
    TimeProvider time, ILogger<TaskAttemptRunner> logger)
{
    private ExecutionOptions Options => config.Execution;

    public async Task<AttemptOutcome> RunAsync(TaskDispatch dispatch, string owner, AttemptHandle handle)
    {
        var now = time.NowEpoch();
        var claim = await store.ClaimAsync(dispatch.ProjectId, dispatch.TaskId, owner, now + Options.StaleTaskThresholdSeconds, now, CancellationToken.None);
        if (claim is null)
        {
            return AttemptOutcome.Lost;
        }
        bus.Publish(claim.Events);
        var context = claim.Value;
        try
        {
            var response = await CallModelAsync(context, handle.Token);
            var result = new AttemptResult(response.Response.Text, response.Model, response.PromptTokens, response.CompletionTokens, response.CostNanos);
            return Published(await store.CompleteAsync(context.Key, result, time.NowEpoch(), CancellationToken.None), AttemptOutcome.Completed);
        }
        catch (BudgetExceededException ex)
        {
            LogBudgetRefused(logger, context.Key.TaskId, ex.Scope);
            return Published(await store.PauseForBudgetAsync(context.Key, ex.Scope, ex.LimitUsd, ex.Message, time.NowEpoch(), CancellationToken.None),
                AttemptOutcome.BudgetPaused);
        }
        catch (OperationCanceledException) when (handle.Token.IsCancellationRequested)
        {
            if (!handle.Interrupted)
            {
                LogCancelled(logger, context.Key.TaskId);
                return AttemptOutcome.Lost;
            }
            return Published(await store.RequeueAsync(context.Key, "server shutdown", time.NowEpoch(), CancellationToken.None), AttemptOutcome.Requeued);
        }
        catch (Exception ex)
        {
            return await RecordFailureAsync(context, ex);
        }
    }

    private async Task<ModelResponse> CallModelAsync(AttemptContext context, CancellationToken cancellationToken)
    {
        var task = context.Task;
        var tier = WireNames.TryParse<ModelTier>(task.ModelTier, out var parsed) ? parsed : ModelTier.Haiku;
        var request = new ModelRequest(
            new ModelCallContext(context.OwnerId, context.Key.ProjectId, task.Id, CallPurpose.Execution),
            tier, null, prompts.Build(context),
            new ChatOptions { MaxOutputTokens = (int)(task.MaxTokens ?? Options.DefaultMaxTokens) });
        return await gateway.CompleteAsync(request, cancellationToken);
    }

    private async Task<AttemptOutcome> RecordFailureAsync(AttemptContext context, Exception ex)
    {
        var now = time.NowEpoch();
        var error = Describe(ex);
        var retriesUsed = (int)context.Task.AutoRetriesUsed;
        if (TaskFailures.IsTransient(ex) && retriesUsed < Options.AutoRetries)
        {
            var delay = RetryBackoff.Delay(retriesUsed, Options.RetryBackoffBaseSec, Options.RetryBackoffMaxSec, Random.Shared.NextDouble());
            var notBefore = now + Math.Max(delay.TotalSeconds, TaskFailures.RetryAfter(ex)?.TotalSeconds ?? 0);
            LogRetrying(logger, context.Key.TaskId, context.Key.Attempt, delay.TotalSeconds, ex);
            return Published(await store.ScheduleRetryAsync(context.Key, notBefore, error, now, CancellationToken.None),
                new AttemptOutcome(AttemptOutcomeKind.RetryScheduled, notBefore));
        }
        LogFailed(logger, context.Key.TaskId, context.Key.Attempt, ex);
        return Published(await store.FailAsync(context.Key, error, now, CancellationToken.None), AttemptOutcome.Failed);
    }

    /// <summary>The stored error: the failure's own message (providers' messages carry no secrets), capped.</summary>
    private static string Describe(Exception ex)
    {
        var message = ex is ModelProviderException or UnpricedModelException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}";
        return message.Length <= 1000 ? message : message[..1000];
    }

    private AttemptOutcome Published<T>(Committed<T>? committed, AttemptOutcome outcome)
    {
        if (committed is null)
        {
            return AttemptOutcome.Lost;
        }
        bus.Publish(committed.Events);
        return outcome;
    }

    [LoggerMessage(EventId = 6101, Level = LogLevel.Warning, Message = "Task {TaskId} attempt {Attempt} failed; retrying in {DelaySeconds:0.0} s")]
    private static partial void LogRetrying(ILogger logger, string taskId, long attempt, double delaySeconds, Exception exception);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Warning, Message = "Task {TaskId} failed on attempt {Attempt}")]
    private static partial void LogFailed(ILogger logger, string taskId, long attempt, Exception exception);

    [LoggerMessage(EventId = 6103, Level = LogLevel.Information, Message = "Task {TaskId} was cancelled while running")]
    private static partial void LogCancelled(ILogger logger, string taskId);

    [LoggerMessage(EventId = 6104, Level = LogLevel.Warning, Message = "Task {TaskId} refused by the {Scope} budget; pausing the project")]
    private static partial void LogBudgetRefused(ILogger logger, string taskId, string scope);
}
