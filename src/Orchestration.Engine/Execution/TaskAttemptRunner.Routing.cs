using Orchestration.Core.Domain;
using Orchestration.Engine.Events;
using Orchestration.Storage.Execution;
using Orchestration.Core.Events;

namespace Orchestration.Engine.Execution;

// docs/executor.md, offline local models: a task whose local model server is offline runs one tier up, or waits for it.
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
            announcement = AttemptEvents.WaitingForProvider(context.Key.ProjectId, context.Task.Id, context.Task.Title, provider,
                routingOptions.FallbackWhenOffline, routing.RecheckAfter.TotalSeconds, notBefore);
        }
        LogWaitingForProvider(logger, context.Key.TaskId, provider);
        return Published(await store.DeferAsync(context.Key, notBefore, announcement, now, CancellationToken.None),
            new AttemptOutcome(AttemptOutcomeKind.RetryScheduled, notBefore));
    }

    private async Task AnnounceFallbackAsync(AttemptContext context, ModelTier from, ModelTier to, string offline, CancellationToken cancellationToken)
    {
        LogFallback(logger, context.Key.TaskId, from.ToWire(), to.ToWire(), offline);
        await events.PublishAsync(AttemptEvents.Fallback(context.Key.ProjectId, context.Task.Id, context.Task.Title, from.ToWire(), to.ToWire(), offline),
            cancellationToken);
    }

    [Microsoft.Extensions.Logging.LoggerMessage(EventId = 6106, Level = Microsoft.Extensions.Logging.LogLevel.Information,
        Message = "Task {TaskId} waits for {Provider}, which is offline")]
    private static partial void LogWaitingForProvider(Microsoft.Extensions.Logging.ILogger logger, string taskId, string provider);

    [Microsoft.Extensions.Logging.LoggerMessage(EventId = 6107, Level = Microsoft.Extensions.Logging.LogLevel.Information,
        Message = "Task {TaskId} moves from {FromTier} to {ToTier}: {Provider} is offline")]
    private static partial void LogFallback(Microsoft.Extensions.Logging.ILogger logger, string taskId, string fromTier, string toTier, string provider);
}
