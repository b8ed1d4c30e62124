using Microsoft.Extensions.Logging;

namespace Orchestration.Engine.Tools.Media;

/// <summary>Logs of the local_llm and generate_image tools. Prompts never appear here.</summary>
internal static partial class MediaToolLogs
{
    [LoggerMessage(EventId = 6501, Level = LogLevel.Warning, Message = "Task {TaskId}: local_llm failed on provider {Provider} (transient: {Transient})")]
    public static partial void LocalModelFailed(ILogger logger, string taskId, string provider, bool transient);

    [LoggerMessage(EventId = 6502, Level = LogLevel.Warning, Message = "ComfyUI host {Host} could not be reached; trying the next host")]
    public static partial void ComfyHostDown(ILogger logger, string host, Exception exception);

    [LoggerMessage(EventId = 6503, Level = LogLevel.Warning, Message = "ComfyUI host {Host} failed prompt {PromptId}: {Reason}")]
    public static partial void ComfyFailed(ILogger logger, string host, string promptId, string reason);

    [LoggerMessage(EventId = 6504, Level = LogLevel.Information, Message = "ComfyUI host {Host} made prompt {PromptId}: {Bytes} bytes in {ElapsedMs:0} ms")]
    public static partial void ComfyImageMade(ILogger logger, string host, string promptId, int bytes, double elapsedMs);

    [LoggerMessage(EventId = 6505, Level = LogLevel.Warning, Message = "ComfyUI host {Host}: prompt {PromptId} timed out after {TimeoutSeconds} s; asked to drop it from the queue")]
    public static partial void ComfyTimedOut(ILogger logger, string host, string promptId, double timeoutSeconds);
}
