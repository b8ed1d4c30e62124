using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestration.Core.Configuration;
using Orchestration.Core.Domain;
using Orchestration.Storage.Execution;

namespace Orchestration.Engine.Review;

/// <summary>
/// Ends reviews and checkpoints nobody answered within execution.wait_expiry.after_hours with its action. Looks once a
/// minute (on the injected clock). Every node may sweep: each ending is the guarded transition a person's answer takes,
/// so one node (or the person) wins and the others are refused quietly.
/// </summary>
internal sealed partial class WaitExpirySweeper(
    IExpiredWaitStore waits, IReviewControl reviews, ExecutionOptions execution, TimeProvider time, ILogger<WaitExpirySweeper> logger)
    : BackgroundService
{
    private const int BatchSize = 100;
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var expiry = execution.WaitExpiry;
        if (!expiry.Enabled)
        {
            return;
        }
        try
        {
            using var timer = new PeriodicTimer(Interval, time);
            do
            {
                try
                {
                    await SweepAsync(expiry, stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    LogSweepFailed(logger, ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>Ends every wait older than the cutoff; returns how many this node ended.</summary>
    internal async Task<int> SweepAsync(WaitExpiryOptions expiry, CancellationToken cancellationToken)
    {
        var cutoff = time.NowEpoch() - expiry.AfterHours * 3600;
        var ended = 0;
        foreach (var wait in await waits.ExpiredAsync(cutoff, BatchSize, cancellationToken))
        {
            var outcome = await reviews.ExpireWaitAsync(wait, expiry.Action, cutoff, cancellationToken);
            if (outcome is { Done: true })
            {
                ended++;
                LogEnded(logger, wait.TaskId, wait.ProjectId, expiry.Action, (time.NowEpoch() - wait.WaitingSince) / 3600);
            }
        }
        return ended;
    }

    [LoggerMessage(EventId = 8701, Level = LogLevel.Information,
        Message = "Task {TaskId} of project {ProjectId} waited {Hours:0.#} hours for a person: {Action} (execution.wait_expiry)")]
    private static partial void LogEnded(ILogger logger, string taskId, string projectId, string action, double hours);

    [LoggerMessage(EventId = 8702, Level = LogLevel.Error, Message = "Looking for expired waits failed; trying again in a minute")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
