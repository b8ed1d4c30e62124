using Orchestration.Core.Planning;
using Orchestration.Storage.Spend;

namespace Orchestration.Engine.Planning;

/// <summary>
/// The forecast calibration learned from this installation's finished tasks (<see cref="ForecastCalibration"/>), read
/// again at most every <see cref="RefreshInterval"/>: a forecast needs the trend, not the last task's tokens.
/// </summary>
public sealed class ForecastCalibrations(IForecastHistoryStore history, TimeProvider time)
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(5);

    /// <summary>How many of the most recently finished tasks are learned from.</summary>
    public const int SampleLimit = 5_000;

    private sealed record Snapshot(DateTimeOffset At, ForecastCalibration Calibration);

    private volatile Snapshot? _snapshot;

    public async Task<ForecastCalibration> CurrentAsync(CancellationToken cancellationToken)
    {
        if (_snapshot is { } snapshot && time.GetUtcNow() - snapshot.At < RefreshInterval)
        {
            return snapshot.Calibration;
        }
        return await RefreshAsync(cancellationToken);
    }

    /// <summary>Learns from the history as it is now (a report of the calibration shows the current figures).</summary>
    public async Task<ForecastCalibration> RefreshAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        // NOTE: two callers may both read at expiry; both compute the same figures, and the last one kept is as good.
        var calibration = ForecastCalibration.From(await history.GetTaskSamplesAsync(SampleLimit, cancellationToken));
        _snapshot = new Snapshot(now, calibration);
        return calibration;
    }
}
