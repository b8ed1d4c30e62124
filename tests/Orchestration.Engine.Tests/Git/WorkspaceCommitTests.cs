using System.Globalization;
using Orchestration.Engine.Tests.Execution;
using Orchestration.Engine.Tests.Intelligence;
using Orchestration.Engine.Tools.Files;

namespace Orchestration.Engine.Tests.Git;

/// <summary>With git.enabled, each completed task of a run is a commit in the project's workspace repository (real git).</summary>
public sealed class WorkspaceCommitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_completed_task_is_one_commit_on_the_project_branch_with_its_output_file_trailers_and_author()
    {
        await using var harness = await new EngineHarness(GitData.Enabled).StartAsync();
        var (user, project, tasks) = await harness.SeedAsync([], [0]);
        var root = harness.Workspace(project);
        harness.Gateway.Handler = (r, _) =>
        {
            if (ScriptedGateway.TitleOf(r) == "t0")
            {
                // What a write_file call would leave in the workspace.
                Directory.CreateDirectory(Path.Combine(root, "src"));
                File.WriteAllText(Path.Combine(root, "src", "app.py"), "print('hello')\n");
            }
            return Task.FromResult(ScriptedGateway.Answer(r));
        };
        using var events = new EventRecorder(harness.Bus, project);

        await harness.Control.ExecuteAsync(user, project, Ct);
        await events.WaitForAsync("project_complete");

        var branch = GitData.Branch(project);
        Assert.Equal(branch, GitProbe.Run(root, "symbolic-ref", "--short", "HEAD"));
        Assert.Equal(["t1", "t0"], GitProbe.Lines(root, "log", "--format=%s"));
        Assert.Equal([tasks[1], tasks[0]], GitProbe.Lines(root, "log", "--format=%(trailers:key=Orch-Task,valueonly)"));
        Assert.Equal([project, project], GitProbe.Lines(root, "log", "--format=%(trailers:key=Orch-Project,valueonly)"));
        Assert.All(GitProbe.Lines(root, "log", "--format=%an <%ae>|%cn <%ce>"), line => Assert.Equal($"{GitData.Author}|{GitData.Author}", line));
        // Dated by the engine's clock (the system clock here).
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        Assert.All(GitProbe.Lines(root, "log", "--format=%at %ct"), line => Assert.All(line.Split(' '), t => Assert.InRange(long.Parse(t, CultureInfo.InvariantCulture), now - 300, now + 5)));
        Assert.Equal([".orchestration/000-t0.md", "src/app.py"], GitProbe.Lines(root, "show", "--name-only", "--format=", "HEAD~1"));
        Assert.Equal([".orchestration/001-t1.md"], GitProbe.Lines(root, "show", "--name-only", "--format=", "HEAD"));
        Assert.Empty(GitProbe.Run(root, "status", "--porcelain"));
        var output = File.ReadAllText(Path.Combine(root, ".orchestration", "000-t0.md"));
        Assert.StartsWith("# t0\n", output, StringComparison.Ordinal);
        Assert.Contains($"- Task: `{tasks[0]}` (#0)", output, StringComparison.Ordinal);
        Assert.EndsWith("\noutput of t0\n", output, StringComparison.Ordinal);

        var commits = events.Events.Where(e => e.Type == "git_commit").ToList();
        Assert.Equal([tasks[0], tasks[1]], commits.Select(e => e.TaskId));
        Assert.Equal([GitProbe.Run(root, "rev-parse", "HEAD~1"), GitProbe.Run(root, "rev-parse", "HEAD")], commits.Select(e => e.Field("commit")));
        Assert.All(commits, e => Assert.Equal(branch, e.Field("branch")));
        Assert.Equal([".orchestration/000-t0.md", "src/app.py"], commits[0].Strings("files"));
        Assert.Equal(["completed", "completed"], await harness.StatusesAsync(tasks));
    }

    [Fact]
    public async Task Tasks_completing_at_once_commit_one_at_a_time_each_with_its_own_files()
    {
        await using var harness = await new EngineHarness(GitData.Enabled).StartAsync();
        var (user, project, tasks) = await harness.SeedAsync([], [], [], []);
        var root = harness.Workspace(project);
        var allRunning = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = 0;
        harness.Gateway.Handler = async (r, _) =>
        {
            var title = ScriptedGateway.TitleOf(r);
            Directory.CreateDirectory(root);
            await File.WriteAllTextAsync(Path.Combine(root, $"{title}.txt"), title, Ct);
            if (Interlocked.Increment(ref running) == 4)
            {
                allRunning.SetResult();
            }
            // All four answer together, so their completions (and commits) race.
            await allRunning.Task;
            return ScriptedGateway.Answer(r);
        };
        using var events = new EventRecorder(harness.Bus, project);

        await harness.Control.ExecuteAsync(user, project, Ct);
        await events.WaitForAsync("project_complete");

        Assert.DoesNotContain("git_error", events.Types);
        Assert.Equal(4, events.Types.Count(t => t == "git_commit"));
        Assert.Equal("4", GitProbe.Run(root, "rev-list", "--count", "HEAD"));
        Assert.Empty(GitProbe.Run(root, "status", "--porcelain"));
        // Every file went in with the first commit after it was written; none is committed twice.
        var committed = events.Events.Where(e => e.Type == "git_commit").SelectMany(e => e.Strings("files")).ToList();
        Assert.Equal(committed.Distinct().Count(), committed.Count);
        Assert.Equal(8, committed.Count);
        Assert.Equal(tasks.Order(), events.Events.Where(e => e.Type == "git_commit").Select(e => e.TaskId!).Order());
    }

    [Fact]
    public async Task Files_other_tasks_are_still_writing_stay_out_of_the_commit()
    {
        await using var harness = await new EngineHarness(GitData.Enabled).StartAsync();
        var (user, project, tasks) = await harness.SeedAsync([], []);
        var root = harness.Workspace(project);
        Directory.CreateDirectory(Path.Combine(root, "src"));
        File.WriteAllText(Path.Combine(root, "src", "app.py"), "print('hello')\n");
        // write_file calls of tasks still running, half done: each temporary file is renamed into place once complete.
        string[] writing = [HeldFolder.TemporaryName(), "src/" + HeldFolder.TemporaryName()];
        foreach (var file in writing)
        {
            File.WriteAllText(Path.Combine(root, file), "print('hal");
        }

        await harness.Hook().TaskCompletedAsync(GitData.Completed(user, project, tasks[0], 0, "output of t0"), Ct);

        Assert.Equal([".orchestration/000-t0.md", "src/app.py"], GitProbe.Lines(root, "show", "--name-only", "--format=", "HEAD"));
        Assert.Equal(writing.Order(StringComparer.Ordinal), GitProbe.Lines(root, "ls-files", "--others"));
    }

    [Fact]
    public async Task A_task_that_changes_nothing_makes_no_commit_and_no_event()
    {
        await using var harness = await new EngineHarness(GitData.Enabled).StartAsync();
        var (user, project, tasks) = await harness.SeedAsync([], []);
        var root = harness.Workspace(project);
        var hook = harness.Hook();
        var first = GitData.Completed(user, project, tasks[0], 0, "output of t0");

        await hook.TaskCompletedAsync(first, Ct);
        await hook.TaskCompletedAsync(first, Ct);
        await hook.TaskCompletedAsync(GitData.Completed(user, project, tasks[1], 1, "  \n"), Ct);

        Assert.Equal("1", GitProbe.Run(root, "rev-list", "--count", "HEAD"));
        Assert.False(File.Exists(Path.Combine(root, ".orchestration", "001-t1.md")));
        var commit = Assert.Single(await harness.GitEventsAsync(project));
        Assert.Equal(("git_commit", tasks[0]), (commit.Type, commit.TaskId));
    }

    [Fact]
    public async Task An_existing_repository_keeps_its_history_and_the_work_goes_on_the_project_branch()
    {
        await using var harness = await new EngineHarness(GitData.Enabled).StartAsync();
        var (user, project, tasks) = await harness.SeedAsync([[]]);
        var root = harness.Workspace(project);
        var initial = GitProbe.InitWithCommit(root);
        var hook = harness.Hook();

        await hook.TaskCompletedAsync(GitData.Completed(user, project, tasks[0], 0, "first"), Ct);
        // Someone switches the workspace back to main; the next commit still goes to the project's branch.
        GitProbe.Run(root, "checkout", "--quiet", "main");
        await hook.TaskCompletedAsync(GitData.Completed(user, project, tasks[0], 0, "second") with { ProjectName = "renamed" }, Ct);

        var branch = GitData.Branch(project);
        Assert.Equal(branch, GitProbe.Run(root, "symbolic-ref", "--short", "HEAD"));
        Assert.Equal(["t0", "t0", "Initial commit"], GitProbe.Lines(root, "log", "--format=%s", branch));
        Assert.Equal(initial, GitProbe.Run(root, "rev-parse", "main"));
        Assert.Equal([branch], GitProbe.Lines(root, "for-each-ref", "--format=%(refname:short)", "refs/heads/orch/"));
    }
}
