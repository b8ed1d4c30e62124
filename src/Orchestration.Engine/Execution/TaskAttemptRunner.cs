using Microsoft.Extensions.Logging;
using Orchestration.Core.Configuration;
using Orchestration.Core.Domain;
using Orchestration.Core.Pricing;
using Orchestration.Core.Scheduling;
using Orchestration.Engine.Events;
using Orchestration.Engine.Execution.Prompts;
using Orchestration.Engine.Knowledge;
using Orchestration.Engine.Models;
using Orchestration.Engine.Tools;
using Orchestration.Engine.Verification;
using Orchestration.Storage.Checkpoints;
using Orchestration.Storage.Events;
using Orchestration.Storage.Execution;
using Orchestration.Engine.Runs;
using Orchestration.Core.Events;

namespace Orchestration.Engine.Execution;

/// <summary>
/// Runs one attempt of one task (a worker): claim, assemble the prompt, run the model with the task's tools, verify
/// the output, extract knowledge, then commit exactly one outcome and publish its events. Never throws for a failure
/// of the task itself; the outcome says what happened.
/// </summary>
internal sealed partial class TaskAttemptRunner(
    IAttemptStore store, IEventBus bus, IEventPublisher events, TaskPromptBuilder prompts, ToolRegistry tools, ToolLoop loop, TaskRouting routing,
    TaskVerifier verifier, KnowledgeExtractor extractor, ExecutionHooks hooks, ExecutionOptions execution, RoutingOptions routingOptions, TimeProvider time, ILogger<TaskAttemptRunner> logger)
{
    // Projects told that their tasks wait for an offline provider (one event per episode, not one per re-check).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Project, string Provider), byte> _announcedWaits = new();

    private ExecutionOptions Options => execution;

    public async Task<AttemptOutcome> RunAsync(TaskDispatch dispatch, string owner, AttemptHandle handle)
    {
        var now = time.NowEpoch();
        TaskPrompt? prompt = null;
        IReadOnlyList<string> available = [];
        // The prompt is built inside the claim's transaction, so its task_context event commits with the claim.
        var claim = await store.ClaimAsync(dispatch.ProjectId, dispatch.TaskId, owner, now + Options.StaleTaskThresholdSeconds, now, context =>
        {
            (available, var unavailable) = tools.Split(ToolNames.Read(context.Task.ToolsJson));
            prompt = prompts.Build(context, available, unavailable);
            return DescribePrompt(context, prompt, available, unavailable);
        }, CancellationToken.None);
        if (claim is null)
        {
            return AttemptOutcome.NotClaimed;
        }
        bus.Publish(claim.Events);
        var context = claim.Value;
        var tier = TierOf(context.Task);
        var invocation = new ToolInvocation(context.Key.ProjectId, context.Task.Id, new Tools.Files.ProjectWorkspace(Options.WorkspaceRoot, context.Key.ProjectId));
        try
        {
            try
            {
                var route = await routing.RouteAsync(tier, handle.Token);
                if (route.WaitingFor is { } offline)
                {
                    return await WaitForProviderAsync(context, offline);
                }
                _announcedWaits.TryRemove((context.Key.ProjectId, routing.ProviderOf(tier)), out _);
                if (route.FallbackFrom is { } from)
                {
                    await AnnounceFallbackAsync(context, tier, route.Tier, from, handle.Token);
                    tier = route.Tier;
                }
                var work = await loop.RunAsync(context, tier, prompt!.Messages, tools.FunctionsFor(available, invocation), invocation, handle.Token);
                return await ConcludeAsync(context, work, handle.Token);
            }
            catch (Exception) when (invocation.Spend.Any)
            {
                // Ended without a result (failure, cancel, shutdown): what it spent still counts on the task.
                await RecordSpendAsync(context.Key, invocation.Spend);
                throw;
            }
        }
        catch (BudgetExceededException ex)
        {
            LogBudgetRefused(logger, context.Key.TaskId, ex.Scope);
            var stop = new BudgetStop(ex.Scope, ex.LimitUsd, ex.Message);
            return Published(await store.HoldForBudgetAsync(context.Key, stop, time.NowEpoch(), CancellationToken.None),
                new AttemptOutcome(AttemptOutcomeKind.BudgetHeld, Budget: stop, Paid: tier != ModelTier.Ollama));
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

    /// <summary>The task_context event: what went into the prompt.</summary>
    private static NewEvent DescribePrompt(AttemptContext context, TaskPrompt prompt, IReadOnlyList<string> available, IReadOnlyList<string> unavailable) =>
        WorkEvents.PromptDescribed(context.Key.ProjectId, context.Task.Id, context.Task.Title, prompt.Facts, available, unavailable);

    /// <summary>Adds what an attempt that ends without a result spent to its task's totals (a result carries its own).</summary>
    private async Task RecordSpendAsync(AttemptKey key, AttemptSpend spend)
    {
        try
        {
            await store.AddSpendAsync(key, spend.PromptTokens, spend.CompletionTokens, spend.CostNanos, time.NowEpoch(), CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The usage records already hold the spend; only the task's own totals miss it.
            LogSpendNotRecorded(logger, key.TaskId, ex);
        }
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
        if (Options.CheckpointOnRetryExhausted)
        {
            var attempts = context.Key.Attempt == 1 ? "its attempt" : $"all {context.Key.Attempt} attempts";
            var checkpoint = new NewCheckpoint(CheckpointTypes.RetryExhausted,
                $"'{context.Task.Title}' failed {attempts}; the last error: {error}", [error],
                "Retry it (with guidance for the next attempt), skip it (its dependants run without its output), or fail it?");
            var wait = new PeopleWait("retry_exhausted", $"'{context.Task.Title}' failed {attempts}", checkpoint, error);
            return Published(await store.WaitForPeopleAsync(context.Key, null, wait, now, CancellationToken.None), AttemptOutcome.NeedsReview);
        }
        return Published(await store.FailAsync(context.Key, error, now, CancellationToken.None), AttemptOutcome.Failed);
    }

    private static ModelTier TierOf(ExecutionTask task) =>
        WireNames.TryParse<ModelTier>(task.ModelTier, out var parsed) ? parsed : ModelTier.Haiku;

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
}
