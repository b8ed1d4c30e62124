using Orchestration.Engine.Tests.Execution;
using Orchestration.Engine.Tests.Intelligence;

namespace Orchestration.Engine.Tests.Git;

/// <summary>git.auto_pr: a completed run's branch is pushed to git.pr_remote (a real bare repository here).</summary>
public sealed class AutoPushTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static void AutoPr(Core.Configuration.OrchestrationConfig config)
    {
        GitData.Enabled(config);
        config.Git.AutoPr = true;
    }

    [Fact]
    public async Task A_completed_run_pushes_the_project_branch_to_the_remote()
    {
        await using var harness = await new EngineHarness(AutoPr).StartAsync();
        var (user, project, tasks) = await harness.SeedAsync([], [0]);
        var root = harness.Workspace(project);
        var remote = harness.Scratch("remote.git");
        GitProbe.Run(remote, "init", "--quiet", "--bare");
        GitProbe.InitWithCommit(root);
        GitProbe.Run(root, "remote", "add", "origin", remote);
        using var events = new EventRecorder(harness.Bus, project);

        await harness.Control.ExecuteAsync(user, project, Ct);
        var push = await events.WaitForAsync("git_push");

        var branch = GitData.Branch(project);
        var head = GitProbe.Run(root, "rev-parse", branch);
        Assert.Equal(head, GitProbe.Run(remote, "rev-parse", $"refs/heads/{branch}"));
        Assert.Equal(["t1", "t0", "Initial commit"], GitProbe.Lines(remote, "log", "--format=%s", branch));
        Assert.Equal((branch, "origin", head), (push.Field("branch"), push.Field("remote"), push.Field("commit")));
        Assert.Contains("pull request", push.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("git_error", events.Types);
        Assert.True(events.Types.ToList().IndexOf("project_complete") < events.Types.ToList().IndexOf("git_push"));
        Assert.Equal(2, events.Types.Count(t => t == "git_commit"));
    }

    [Fact]
    public async Task Without_the_remote_the_push_is_a_git_error_that_says_how_to_add_it()
    {
        await using var harness = await new EngineHarness(AutoPr).StartAsync();
        var (user, project, _) = await harness.SeedAsync([[]]);
        using var events = new EventRecorder(harness.Bus, project);

        await harness.Control.ExecuteAsync(user, project, Ct);
        var error = await events.WaitForAsync("git_error");

        Assert.Equal("push", error.Field("operation"));
        Assert.Null(error.TaskId);
        Assert.Contains("no remote 'origin' (git.pr_remote)", error.Message, StringComparison.Ordinal);
        Assert.Contains("remote add origin <url>", error.Message, StringComparison.Ordinal);
        Assert.Contains("git_commit", events.Types);
        Assert.Equal("completed", await harness.ProjectStatusAsync(project));
    }

    [Fact]
    public async Task Without_auto_pr_nothing_is_pushed()
    {
        await using var harness = await new EngineHarness(GitData.Enabled).StartAsync();
        var (user, project, _) = await harness.SeedAsync([[]]);
        var root = harness.Workspace(project);
        var remote = harness.Scratch("remote.git");
        GitProbe.Run(remote, "init", "--quiet", "--bare");
        GitProbe.InitWithCommit(root);
        GitProbe.Run(root, "remote", "add", "origin", remote);
        var hook = harness.Hook();

        await hook.ProjectFinishedAsync(new Orchestration.Engine.Execution.FinishedProject(project, "completed"), Ct);

        Assert.Empty(GitProbe.Run(remote, "for-each-ref"));
        Assert.Empty(await harness.GitEventsAsync(project));
    }
}
