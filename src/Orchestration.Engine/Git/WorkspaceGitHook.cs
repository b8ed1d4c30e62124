using Microsoft.Extensions.Logging;
using Orchestration.Core.Configuration;
using Orchestration.Core.Domain;
using Orchestration.Engine.Events;
using Orchestration.Engine.Execution;
using Orchestration.Core.Events;

namespace Orchestration.Engine.Git;

/// <summary>
/// Commits each completed task's work to its project's workspace repository (event <c>git_commit</c>) and, with
/// git.auto_pr, pushes the project's branch when its run completes (<c>git_push</c>). Git operations of one project
/// run one at a time. A failing git command is a <c>git_error</c> event; the task's outcome never changes.
/// </summary>
internal sealed partial class WorkspaceGitHook(
    WorkspaceRepository repository, IEventPublisher events, GitOptions options, ILogger<WorkspaceGitHook> logger) : IExecutionHook
{
    private const int MaxListedFiles = 100;
    private readonly KeyedLock _projects = new();

    public async Task TaskCompletedAsync(CompletedTask task, CancellationToken cancellationToken)
    {
        using var _ = await _projects.AcquireAsync(task.ProjectId, cancellationToken);
        GitCommit? commit;
        try
        {
            commit = await repository.CommitTaskAsync(task, cancellationToken);
        }
        catch (Exception ex) when (ex is GitCommandException or IOException or UnauthorizedAccessException)
        {
            await FailedAsync(task.ProjectId, task.TaskId, "commit", ex, cancellationToken);
            return;
        }
        if (commit is null)
        {
            LogNothingToCommit(logger, task.TaskId, task.ProjectId);
            return;
        }
        LogCommitted(logger, task.TaskId, commit.Sha, commit.Branch, commit.Files.Count);
        await events.PublishAsync(WorkEvents.GitCommitted(task.ProjectId, task.TaskId, GitNames.Subject(task.Title, task.TaskIndex), commit.Sha,
            commit.Branch, commit.Files, MaxListedFiles), cancellationToken);
    }

    public async Task ProjectFinishedAsync(FinishedProject project, CancellationToken cancellationToken)
    {
        // A failed run is not offered for review: its branch stays in the workspace.
        if (!options.AutoPr || project.Status != ProjectStatus.Completed.ToWire())
        {
            return;
        }
        using var _ = await _projects.AcquireAsync(project.ProjectId, cancellationToken);
        GitPush? push;
        try
        {
            push = await repository.PushAsync(project.ProjectId, cancellationToken);
        }
        catch (Exception ex) when (ex is GitCommandException or IOException or UnauthorizedAccessException)
        {
            await FailedAsync(project.ProjectId, null, "push", ex, cancellationToken);
            return;
        }
        if (push is null)
        {
            LogNothingToPush(logger, project.ProjectId);
            return;
        }
        if (push.Problem is not null)
        {
            await FailedAsync(project.ProjectId, null, "push", new GitCommandException(push.Problem), cancellationToken);
            return;
        }
        LogPushed(logger, project.ProjectId, push.Branch, push.Remote);
        await events.PublishAsync(WorkEvents.GitPushed(project.ProjectId, push.Branch, push.Remote, push.Sha), cancellationToken);
    }

    private async Task FailedAsync(string projectId, string? taskId, string operation, Exception ex, CancellationToken cancellationToken)
    {
        var message = ex is GitCommandException ? ex.Message : $"The workspace could not be prepared for git {operation}: {ex.Message}";
        LogGitFailed(logger, operation, projectId, message);
        await events.PublishAsync(WorkEvents.GitFailed(projectId, taskId, operation, message), cancellationToken);
    }

    [LoggerMessage(EventId = 6503, Level = LogLevel.Information, Message = "Task {TaskId} committed as {Sha} on {Branch} ({Files} files)")]
    private static partial void LogCommitted(ILogger logger, string taskId, string sha, string branch, int files);

    [LoggerMessage(EventId = 6504, Level = LogLevel.Debug, Message = "Task {TaskId} of project {ProjectId} changed nothing in the workspace; no commit")]
    private static partial void LogNothingToCommit(ILogger logger, string taskId, string projectId);

    [LoggerMessage(EventId = 6505, Level = LogLevel.Warning, Message = "git {Operation} failed for project {ProjectId}: {Reason}")]
    private static partial void LogGitFailed(ILogger logger, string operation, string projectId, string reason);

    [LoggerMessage(EventId = 6506, Level = LogLevel.Information, Message = "Project {ProjectId}: pushed {Branch} to {Remote}")]
    private static partial void LogPushed(ILogger logger, string projectId, string branch, string remote);

    [LoggerMessage(EventId = 6507, Level = LogLevel.Information, Message = "Project {ProjectId} completed with no commits in its workspace; nothing to push")]
    private static partial void LogNothingToPush(ILogger logger, string projectId);
}
