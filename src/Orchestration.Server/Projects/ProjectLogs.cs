namespace Orchestration.Server.Projects;

internal static partial class ProjectLogs
{
    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "Project {ProjectId} was deleted but its workspace directory could not be removed")]
    public static partial void WorkspaceNotDeleted(ILogger logger, string projectId, Exception exception);
}
