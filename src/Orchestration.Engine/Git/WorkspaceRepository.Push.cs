namespace Orchestration.Engine.Git;

internal sealed partial class WorkspaceRepository
{
    /// <summary>
    /// Pushes the project's branch to git.pr_remote. Null when there is nothing to push (no repository, or no commit on
    /// the project's branch); a <see cref="GitPush.Problem"/> when the remote is not configured. Opening the pull
    /// request is left to the forge (a push of a new branch is what forges offer to turn into one).
    /// </summary>
    public async Task<GitPush?> PushAsync(string projectId, CancellationToken cancellationToken)
    {
        var root = RootOf(projectId);
        if (!IsRepository(root) || await FindProjectBranchAsync(root, projectId, cancellationToken) is not { } branch)
        {
            return null;
        }
        var remote = options.PrRemote;
        var remotes = (await git.RunAsync(root, ["remote"], cancellationToken)).Output
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (!remotes.Contains(remote, StringComparer.Ordinal))
        {
            return new GitPush(branch, remote, null,
                $"git.auto_pr: the workspace repository has no remote '{remote}' (git.pr_remote), so branch {branch} was not pushed. " +
                $"Add it with: git -C {root} remote add {remote} <url>");
        }
        var sha = (await git.RunAsync(root, ["rev-parse", $"refs/heads/{branch}"], cancellationToken)).Output.Trim();
        await git.RunAsync(root, ["push", "--quiet", "--", remote, $"refs/heads/{branch}:refs/heads/{branch}"], cancellationToken);
        return new GitPush(branch, remote, sha, null);
    }
}
