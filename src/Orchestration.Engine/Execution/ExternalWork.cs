using Microsoft.Extensions.AI;
using Orchestration.Core.Configuration;
using Orchestration.Core.Domain;
using Orchestration.Engine.Events;
using Orchestration.Engine.Execution.Prompts;
using Orchestration.Storage.Events;
using Orchestration.Storage.Execution;
using Orchestration.Storage.Tasks;
using Orchestration.Engine.Runs;
using Orchestration.Core.Events;

namespace Orchestration.Engine.Execution;

internal sealed class ExternalWork(
    IAttemptStore store, ITaskReadStore tasks, IEventBus bus, ExecutionEngine engine, TaskPromptBuilder prompts, TaskAttemptRunner runner,
    ExecutionOptions execution, TimeProvider time) : IExternalWork
{
    private const string ExternalModel = "external";
    private const string LostClaim =
        "This claim no longer holds (its lease expired, it was released, or the task or project was cancelled or paused); claim the task again.";

    public async Task<ExternalClaimOutcome?> ClaimAsync(string userId, string taskId, CancellationToken cancellationToken)
    {
        var now = time.NowEpoch();
        var leaseUntil = now + Math.Max(1, execution.ExternalClaimTimeoutSeconds);
        TaskPrompt? prompt = null;
        var committed = await store.ClaimExternalAsync(userId, taskId, leaseUntil, now, context =>
        {
            // External workers bring their own tools: the prompt offers none of the server's.
            prompt = prompts.Build(context, [], []);
            return Described(context, prompt);
        }, cancellationToken);
        if (committed is null)
        {
            return null;
        }
        if (committed.Value.Refusal is { } refusal)
        {
            return new ExternalClaimOutcome(refusal);
        }
        bus.Publish(committed.Events);
        var claimed = committed.Value.Context!;
        engine.Post(new ProjectChanged(claimed.Key.ProjectId));
        var messages = prompt!.Messages;
        return new ExternalClaimOutcome(null, claimed.Key.Attempt, leaseUntil,
            string.Join("\n\n", messages.Where(m => m.Role == ChatRole.System).Select(m => m.Text)),
            string.Join("\n\n", messages.Where(m => m.Role != ChatRole.System).Select(m => m.Text)));
    }

    public async Task<ExternalWorkOutcome?> SubmitAsync(string userId, string taskId, long attempt, string output, CancellationToken cancellationToken)
    {
        if (await KeyAsync(userId, taskId, attempt, cancellationToken) is not { } found)
        {
            return null;
        }
        var context = await store.ReadAttemptAsync(found, cancellationToken);
        if (context is null)
        {
            return new ExternalWorkOutcome(LostClaim);
        }
        // Verified, learned from and completed like any attempt's output (the events are published on the way).
        var outcome = await runner.ConcludeExternalAsync(context, output, ExternalModel);
        if (outcome.Kind == AttemptOutcomeKind.Lost)
        {
            return new ExternalWorkOutcome(LostClaim);
        }
        engine.Post(new ProjectChanged(found.ProjectId));
        return new ExternalWorkOutcome(null);
    }

    public async Task<ExternalWorkOutcome?> ReleaseAsync(string userId, string taskId, long attempt, CancellationToken cancellationToken)
    {
        if (await KeyAsync(userId, taskId, attempt, cancellationToken) is not { } found)
        {
            return null;
        }
        var committed = await store.RequeueAsync(found, "released by its external worker", time.NowEpoch(), cancellationToken);
        if (committed is null)
        {
            return new ExternalWorkOutcome(LostClaim);
        }
        bus.Publish(committed.Events);
        engine.Post(new ProjectChanged(found.ProjectId));
        return new ExternalWorkOutcome(null);
    }

    /// <summary>The attempt as the claim made it: the lease owner names the claiming user, so nobody else's key matches.</summary>
    private async Task<AttemptKey?> KeyAsync(string userId, string taskId, long attempt, CancellationToken cancellationToken) =>
        await tasks.GetAsync(userId, taskId, cancellationToken) is { } view
            ? new AttemptKey(view.Task.ProjectId, taskId, ExternalWorkers.OwnerOf(userId), attempt)
            : null;

    /// <summary>The task_context event of an external claim.</summary>
    private static NewEvent Described(AttemptContext context, TaskPrompt prompt) =>
        WorkEvents.ExternalPromptDescribed(context.Key.ProjectId, context.Task.Id, context.Task.Title, prompt.Facts);
}
