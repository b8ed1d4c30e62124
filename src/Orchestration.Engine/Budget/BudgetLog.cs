using Microsoft.Extensions.Logging;

namespace Orchestration.Engine.Budget;

internal static partial class BudgetLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Could not publish the budget_warning ({Level}) of project {ProjectId}")]
    public static partial void WarningNotPublished(ILogger logger, string projectId, string level, Exception exception);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "Released {Count} budget reservations left by other process instances")]
    public static partial void OrphansReleased(ILogger logger, int count);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "Released {Count} budget reservations whose lease expired")]
    public static partial void ExpiredReleased(ILogger logger, int count);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Error, Message = "The budget reservation sweep failed; it runs again at the next interval")]
    public static partial void SweepFailed(ILogger logger, Exception exception);
}
