using Microsoft.Extensions.Logging;

namespace Orchestration.Engine.Execution;

/// <summary>Runs every registered <see cref="IExecutionHook"/>, each isolated from the others and from the run.</summary>
internal sealed partial class ExecutionHooks(IEnumerable<IExecutionHook> hooks, ILogger<ExecutionHooks> logger)
{
    private readonly IExecutionHook[] _hooks = [.. hooks];

    public bool Any => _hooks.Length > 0;

    public Task TaskCompletedAsync(CompletedTask task, CancellationToken cancellationToken) =>
        RunAsync(task.ProjectId, hook => hook.TaskCompletedAsync(task, cancellationToken), cancellationToken);

    public Task ProjectFinishedAsync(FinishedProject project, CancellationToken cancellationToken) =>
        RunAsync(project.ProjectId, hook => hook.ProjectFinishedAsync(project, cancellationToken), cancellationToken);

    private async Task RunAsync(string projectId, Func<IExecutionHook, Task> run, CancellationToken cancellationToken)
    {
        foreach (var hook in _hooks)
        {
            try
            {
                await run(hook);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogHookFailed(logger, hook.GetType().Name, projectId, ex);
            }
        }
    }

    [LoggerMessage(EventId = 6201, Level = LogLevel.Warning, Message = "Execution hook {Hook} failed for project {ProjectId}")]
    private static partial void LogHookFailed(ILogger logger, string hook, string projectId, Exception exception);
}
