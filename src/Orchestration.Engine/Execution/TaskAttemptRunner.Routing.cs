using Orchestration.Core.Domain;
using Orchestration.Engine.Events;
using Orchestration.Storage.Events;
using Orchestration.Storage.Execution;

namespace Orchestration.Engine.Execution;

// behaviour.md, Routing: a task whose local model server is offline runs one tier up, or waits for it.
internal sealed partial class TaskAttemptRunner
{
    /// <summary>Back to the queue until the next health check, its attempt given back; the project hears about it once
    /// per provider outage (so it never sits executing with nothing running and nothing said).</summary>
    private async Task<AttemptOutcome> WaitForProviderAsync(AttemptContext context, string provider)
    {
        var now = time.NowEpoch();
        var notBefore = now + routing.RecheckAfter.TotalSeconds;
        NewEvent? announcement = null;
        if (_announcedWaits.TryAdd((context.Key.ProjectId, provider), 0))
        {
            announcement = new NewEvent(context.Key.ProjectId, "task_waiting",
                $"'{context.Task.Title}' waits for {provider}, which is offline (routing.fallback_when_offline is " +
                $"{(routingOptions.FallbackWhenOffline ? "on, but no tier above is available" : "off")}); checking again every {routing.RecheckAfter.TotalSeconds:0} s",
                context.Task.Id, new Dictionary<string, object?> { ["reason"] = "provider_offline", ["provider"] = provider, ["not_before"] = notBefore });
        }
        LogWaitingForProvider(logger, context.Key.TaskId, provider);
        return Published(await store.DeferAsync(context.Key, notBefore, announcement, now, CancellationToken.None),
            new AttemptOutcome(AttemptOutcomeKind.RetryScheduled, notBefore));
    }

    private async Task AnnounceFallbackAsync(AttemptContext context, ModelTier from, ModelTier to, string offline, CancellationToken cancellationToken)
    {
        LogFallback(logger, context.Key.TaskId, from.ToWire(), to.ToWire(), offline);
        await events.PublishAsync(new ProjectEvent(context.Key.ProjectId, "task_fallback",
            $"'{context.Task.Title}' runs on {to.ToWire()} instead of {from.ToWire()}: {offline} is offline", context.Task.Id,
            new Dictionary<string, object?> { ["from_tier"] = from.ToWire(), ["to_tier"] = to.ToWire(), ["offline_provider"] = offline }), cancellationToken);
    }

    [Microsoft.Extensions.Logging.LoggerMessage(EventId = 6106, Level = Microsoft.Extensions.Logging.LogLevel.Information,
        Message = "Task {TaskId} waits for {Provider}, which is offline")]
    private static partial void LogWaitingForProvider(Microsoft.Extensions.Logging.ILogger logger, string taskId, string provider);

    [Microsoft.Extensions.Logging.LoggerMessage(EventId = 6107, Level = Microsoft.Extensions.Logging.LogLevel.Information,
        Message = "Task {TaskId} moves from {FromTier} to {ToTier}: {Provider} is offline")]
    private static partial void LogFallback(Microsoft.Extensions.Logging.ILogger logger, string taskId, string fromTier, string toTier, string provider);
}
