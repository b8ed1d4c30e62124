using Microsoft.Extensions.Logging;

namespace Orchestration.Engine.Execution;

internal sealed partial class ExecutionEngine
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Executor started: resuming {Projects} executing projects, {Interrupted} interrupted attempts requeued")]
    private static partial void LogResuming(ILogger logger, int projects, int interrupted);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Project {ProjectId} finished: {Status}")]
    private static partial void LogFinished(ILogger logger, string projectId, string status);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Error, Message = "Handling {Signal} for project {ProjectId} failed; it will be read again")]
    private static partial void LogSignalFailed(ILogger logger, string signal, string projectId, Exception exception);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Error, Message = "The attempt of task {TaskId} could not record its outcome")]
    private static partial void LogAttemptCrashed(ILogger logger, string taskId, Exception exception);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Information, Message = "Shutting down: waiting up to {GraceSeconds} s for {Running} running attempts")]
    private static partial void LogDraining(ILogger logger, int running, double graceSeconds);

    [LoggerMessage(EventId = 6006, Level = LogLevel.Warning, Message = "Shutdown grace period over: interrupting {Running} attempts; they run again at the next start")]
    private static partial void LogInterrupting(ILogger logger, int running);
}
