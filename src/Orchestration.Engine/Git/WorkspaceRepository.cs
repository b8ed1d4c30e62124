using System.Globalization;
using Orchestration.Core.Configuration;
using Orchestration.Engine.Execution;
using Orchestration.Engine.Tools.Files;

namespace Orchestration.Engine.Git;

/// <summary>
/// A project's workspace as a git repository whose history is the run's trace: one commit per completed task, on the
/// project's own branch. Callers serialise the calls for one project (<see cref="WorkspaceGitHook"/>).
/// </summary>
internal sealed partial class WorkspaceRepository(GitCli git, GitOptions options, ExecutionOptions execution)
{
    private const int StageAttempts = 3;

    public string RootOf(string projectId) => new ProjectWorkspace(execution.WorkspaceRoot, projectId).Root;

    /// <summary>Writes the task's output file, stages everything and commits it. Null when nothing changed.</summary>
    public async Task<GitCommit?> CommitTaskAsync(CompletedTask task, CancellationToken cancellationToken)
    {
        var root = RootOf(task.ProjectId);
        Directory.CreateDirectory(root);
        var branch = await CheckOutProjectBranchAsync(root, task.ProjectId, task.ProjectName, cancellationToken);
        await WriteOutputAsync(root, task, cancellationToken);
        await StageAllAsync(root, cancellationToken);
        var files = (await git.RunAsync(root, ["diff", "--cached", "--name-only", "--no-renames", "-z"], cancellationToken)).NulSeparated();
        if (files.Count == 0)
        {
            return null;
        }
        await git.RunAsync(root,
            ["commit", "--quiet", "--cleanup=whitespace", "-m", GitNames.Subject(task.Title, task.TaskIndex),
                "--trailer", $"Orch-Project: {task.ProjectId}", "--trailer", $"Orch-Task: {task.TaskId}"],
            cancellationToken);
        var sha = (await git.RunAsync(root, ["rev-parse", "HEAD"], cancellationToken)).Output.Trim();
        return new GitCommit(sha, branch, files);
    }

    /// <summary>
    /// Stages the whole working tree but the files other tasks are still writing (their temporary names, which are
    /// renamed into place when complete). A file that vanishes while git reads it (a build another task runs, say) fails
    /// the command; it is run again a few times before that is an error.
    /// </summary>
    private async Task StageAllAsync(string root, CancellationToken cancellationToken)
    {
        string[] arguments = ["add", "--all", "--", ".", $":(exclude,glob)**/{HeldFolder.TemporaryGlob}"];
        for (var attempt = 1; attempt < StageAttempts; attempt++)
        {
            if ((await git.TryRunAsync(root, arguments, cancellationToken)).Succeeded)
            {
                return;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), cancellationToken);
        }
        // The last try: its failure is the error, in git's words.
        await git.RunAsync(root, arguments, cancellationToken);
    }

    /// <summary>
    /// Makes the workspace a repository on the project's branch: <c>git init</c> with that branch when it is not one
    /// yet; otherwise (someone pointed the workspace at an existing repository, or checked out something else) switches
    /// to the project's branch, creating it from the current commit, with the working tree's changes carried along.
    /// </summary>
    private async Task<string> CheckOutProjectBranchAsync(string root, string projectId, string projectName, CancellationToken cancellationToken)
    {
        var wanted = GitNames.Branch(options.BranchPrefix, projectName, projectId);
        if (!IsRepository(root))
        {
            await git.RunAsync(root, ["init", "--quiet", $"--initial-branch={wanted}"], cancellationToken);
            return wanted;
        }
        var head = await git.TryRunAsync(root, ["symbolic-ref", "--quiet", "--short", "HEAD"], cancellationToken);
        if (head.Succeeded && GitNames.IsProjectBranch(head.Output.Trim(), options.BranchPrefix, projectId))
        {
            return head.Output.Trim();
        }
        if (await FindProjectBranchAsync(root, projectId, cancellationToken) is { } existing)
        {
            await git.RunAsync(root, ["checkout", "--quiet", existing], cancellationToken);
            return existing;
        }
        await git.RunAsync(root, ["checkout", "--quiet", "-b", wanted], cancellationToken);
        return wanted;
    }

    /// <summary>The project's branch among the repository's branches (it keeps its name when the project is renamed).</summary>
    private async Task<string?> FindProjectBranchAsync(string root, string projectId, CancellationToken cancellationToken)
    {
        var branches = await git.RunAsync(root, ["for-each-ref", "--format=%(refname:short)", $"refs/heads/{options.BranchPrefix}/"], cancellationToken);
        return branches.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Order(StringComparer.Ordinal)
            .FirstOrDefault(b => GitNames.IsProjectBranch(b, options.BranchPrefix, projectId));
    }

    /// <summary>The task's text output as {non_code_output_path}/{index:000}-{title}.md; a task without text writes none.</summary>
    private async Task WriteOutputAsync(string root, CompletedTask task, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(task.Output))
        {
            return;
        }
        var folder = Path.Combine(root, options.NonCodeOutputPath);
        Directory.CreateDirectory(folder);
        var text = string.Create(CultureInfo.InvariantCulture,
            $"# {GitNames.Subject(task.Title, task.TaskIndex)}\n\n- Task: `{task.TaskId}` (#{task.TaskIndex})\n- Project: `{task.ProjectId}`\n\n{task.Output.TrimEnd()}\n");
        await File.WriteAllTextAsync(Path.Combine(folder, GitNames.OutputFile(task.TaskIndex, task.Title)), text, cancellationToken);
    }

    private static bool IsRepository(string root)
    {
        var dotGit = Path.Combine(root, ".git");
        // A file: the workspace is a linked worktree or a submodule checkout.
        return Directory.Exists(dotGit) || File.Exists(dotGit);
    }
}
