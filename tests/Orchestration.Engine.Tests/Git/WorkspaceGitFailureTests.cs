using System.Diagnostics;
using Microsoft.Extensions.AI;
using Orchestration.Core.Domain;
using Orchestration.Engine.Models;
using Orchestration.Engine.Review;
using Orchestration.Engine.Tests.Execution;
using Orchestration.Engine.Tests.Intelligence;

namespace Orchestration.Engine.Tests.Git;

/// <summary>Git failures become git_error events and never change a task's outcome; approvals commit like completions.</summary>
public sealed class WorkspaceGitFailureTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_locked_index_is_a_git_error_event_and_the_task_still_completes()
    {
        await using var harness = await new EngineHarness(GitData.Enabled).StartAsync();
        var (user, project, tasks) = await harness.SeedAsync([[]]);
        var root = harness.Workspace(project);
        GitProbe.InitWithCommit(root);
        // Another git process holds the index.
        File.WriteAllText(Path.Combine(root, ".git", "index.lock"), "");
        using var events = new EventRecorder(harness.Bus, project);

        await harness.Control.ExecuteAsync(user, project, Ct);
        var error = await events.WaitForAsync("git_error");
        await events.WaitForAsync("project_complete");

        Assert.Equal(tasks[0], error.TaskId);
        Assert.Equal("commit", error.Field("operation"));
        Assert.Contains("index.lock", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("git ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("git_commit", events.Types);
        Assert.Equal(["completed"], await harness.StatusesAsync(tasks));
        Assert.Equal("completed", await harness.ProjectStatusAsync(project));
        Assert.Equal(["Initial commit"], GitProbe.Lines(root, "log", "--format=%s", "--all"));
    }

    [Fact]
    public async Task A_hung_git_command_is_killed_at_the_command_timeout_and_reported()
    {
        await using var harness = await new EngineHarness(c =>
        {
            GitData.Enabled(c);
            c.Git.CommandTimeout = 1;
        }).StartAsync();
        var (user, project, tasks) = await harness.SeedAsync([[]]);
        var root = harness.Workspace(project);
        GitProbe.InitWithCommit(root);
        var pidFile = Path.Combine(harness.Scratch("hook"), "pid");
        var hookPath = Path.Combine(root, ".git", "hooks", "pre-commit");
        File.WriteAllText(hookPath, $"#!/bin/sh\necho $$ > '{pidFile}'\nexec sleep 60\n");
        Assert.SkipWhen(OperatingSystem.IsWindows(), "The hook is a shell script that needs a POSIX system.");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(hookPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var clock = Stopwatch.StartNew();
        await harness.Hook().TaskCompletedAsync(GitData.Completed(user, project, tasks[0], 0, "output"), Ct);
        clock.Stop();

        Assert.InRange(clock.Elapsed.TotalSeconds, 1, 8);
        var error = Assert.Single(await harness.GitEventsAsync(project));
        Assert.Equal(("git_error", tasks[0]), (error.Type, error.TaskId));
        Assert.Equal("git commit did not finish within 1 s (git.command_timeout) and was stopped.", error.Message);
        var pid = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        // SIGKILL is delivered asynchronously: the process is gone a moment after the kill returns, not at once.
        var gone = Stopwatch.StartNew();
        while (IsRunning(pid) && gone.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(20, Ct);
        }
        Assert.False(IsRunning(pid), $"the hook's process {pid} still runs");
        Assert.Equal(["Initial commit"], GitProbe.Lines(root, "log", "--format=%s", "--all"));
    }

    [Fact]
    public async Task An_approved_review_commits_the_task_before_the_run_goes_on()
    {
        await using var harness = await new EngineHarness(c =>
        {
            GitData.Enabled(c);
            c.Execution.VerificationEnabled = true;
        }).StartAsync();
        harness.Gateway.Handler = (r, _) => Task.FromResult(r.Context.Purpose == CallPurpose.Verification
            ? new ModelResponse(new ChatResponse(new ChatMessage(ChatRole.Assistant, """{"verdict":"human_needed","notes":"Which licence?"}""")),
                "simulated", "claude-haiku-4-5-20251001", 100, 50, 1_000, true)
            : ScriptedGateway.Answer(r));
        var (user, project, tasks) = await harness.SeedAsync([[]]);
        var root = harness.Workspace(project);
        using var events = new EventRecorder(harness.Bus, project);
        await harness.Control.ExecuteAsync(user, project, Ct);
        await events.WaitForAsync("task_needs_review");
        Assert.DoesNotContain("git_commit", events.Types);

        var approved = await harness.Review().ReviewAsync(user, tasks[0], ReviewAction.Approve, null, Ct);

        Assert.True(approved!.Done);
        Assert.Equal(["t0"], GitProbe.Lines(root, "log", "--format=%s"));
        Assert.Equal([tasks[0]], GitProbe.Lines(root, "log", "--format=%(trailers:key=Orch-Task,valueonly)"));
        var commit = Assert.Single(await harness.GitEventsAsync(project));
        Assert.Equal(("git_commit", tasks[0]), (commit.Type, commit.TaskId));
        Assert.Contains("output of t0", File.ReadAllText(Path.Combine(root, ".orchestration", "000-t0.md")), StringComparison.Ordinal);
        await events.WaitForAsync("project_complete");
    }

    /// <summary>Alive and not a zombie waiting to be reaped.</summary>
    private static bool IsRunning(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat))
        {
            return false;
        }
        var text = File.ReadAllText(stat);
        return text[(text.LastIndexOf(')') + 2)..][0] is not ('Z' or 'X');
    }
}
