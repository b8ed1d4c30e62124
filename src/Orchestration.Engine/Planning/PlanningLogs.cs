using Microsoft.Extensions.Logging;

namespace Orchestration.Engine.Planning;

/// <summary>Log messages of planning. Never requirements, prompts or plan text.</summary>
internal static partial class PlanningLogs
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information,
        Message = "Planned project {ProjectId} at {Rigor}: version {Version}, {TaskCount} tasks, {Calls} model call(s), {CostUsd} USD")]
    public static partial void Planned(ILogger logger, string projectId, string rigor, long version, int taskCount, int calls, decimal costUsd);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning,
        Message = "Planning model answer for project {ProjectId} was not a valid plan ({ProblemCount} problems: {FirstProblem}); asking again")]
    public static partial void Reasking(ILogger logger, string projectId, int problemCount, string firstProblem);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "Planning of project {ProjectId} failed: {Reason}")]
    public static partial void Failed(ILogger logger, string projectId, string reason);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Information, Message = "Planning of project {ProjectId} was cancelled")]
    public static partial void Cancelled(ILogger logger, string projectId);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning,
        Message = "Project {ProjectId} was left in planning since {Since} (an interrupted attempt); returning it to draft")]
    public static partial void StalePlanning(ILogger logger, string projectId, double since);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Information,
        Message = "Approved plan {PlanId} of project {ProjectId}: {TaskCount} tasks in {Waves} waves, {Replaced} unexecuted tasks replaced")]
    public static partial void Approved(ILogger logger, string planId, string projectId, int taskCount, int waves, int replaced);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Warning,
        Message = "Plan {PlanId} of project {ProjectId} approved with force past the {Cap} cap: forecast high {ForecastHighUsd} USD, {ShortfallUsd} USD short")]
    public static partial void ApprovedPastCap(ILogger logger, string planId, string projectId, string cap, decimal forecastHighUsd, decimal shortfallUsd);
}
