using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orchestration.Core.Configuration;
using Orchestration.Engine.Execution;

namespace Orchestration.Engine.Git;

public static class GitServiceCollectionExtensions
{
    /// <summary>With git.enabled, makes each project's workspace a git repository with a commit per completed task (and a
    /// push with git.auto_pr when a run completes). Without it nothing is registered and workspaces stay plain folders.</summary>
    public static IServiceCollection AddWorkspaceGit(this IServiceCollection services, GitOptions git)
    {
        if (!git.Enabled)
        {
            return services;
        }
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<GitCli>();
        services.TryAddSingleton<WorkspaceRepository>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IExecutionHook, WorkspaceGitHook>());
        return services;
    }
}
