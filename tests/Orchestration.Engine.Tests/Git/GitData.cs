using Microsoft.Extensions.DependencyInjection;
using Orchestration.Core.Configuration;
using Orchestration.Engine.Execution;
using Orchestration.Engine.Git;
using Orchestration.Engine.Tests.Execution;
using Orchestration.Storage.Events;

namespace Orchestration.Engine.Tests.Git;

/// <summary>Config, paths and reads shared by the workspace git tests.</summary>
internal static class GitData
{
    public const string Author = "Orchestration Engine <orchestration@local>";

    public static void Enabled(OrchestrationConfig config)
    {
        config.Git.Enabled = true;
        config.Git.CommandTimeout = 10;
    }

    public static string Workspace(this EngineHarness harness, string projectId) =>
        Path.Combine(harness.Config.Execution.WorkspaceRoot, projectId);

    /// <summary>A folder beside the workspaces, removed with the harness.</summary>
    public static string Scratch(this EngineHarness harness, string name) =>
        Directory.CreateDirectory(Path.Combine(Path.GetDirectoryName(harness.Config.Execution.WorkspaceRoot)!, name)).FullName;

    /// <summary>The branch the engine makes for the harness's projects (named "demo").</summary>
    public static string Branch(string projectId) => $"orch/demo-{projectId[^8..]}";

    public static WorkspaceGitHook Hook(this EngineHarness harness) =>
        harness.Services.GetServices<IExecutionHook>().OfType<WorkspaceGitHook>().Single();

    public static CompletedTask Completed(string user, string project, string taskId, long index, string output) =>
        new(user, project, "demo", taskId, index, $"t{index}", output, []);

    /// <summary>The project's persisted git_* events, oldest first.</summary>
    public static async Task<IReadOnlyList<StoredEvent>> GitEventsAsync(this EngineHarness harness, string projectId)
    {
        var all = await harness.Services.GetRequiredService<IEventStore>().ReadAfterAsync(projectId, 0, 1000, CancellationToken.None);
        return [.. all.Where(e => e.Type.StartsWith("git_", StringComparison.Ordinal))];
    }
}
