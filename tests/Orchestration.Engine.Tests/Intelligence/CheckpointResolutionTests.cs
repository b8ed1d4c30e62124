using Orchestration.Core.Domain;
using Orchestration.Engine.Tests.Execution;
using Orchestration.Storage.Execution;

namespace Orchestration.Engine.Tests.Intelligence;

/// <summary>A task whose attempts all fail waits at a checkpoint; each resolution does what docs/api.md says.</summary>
public sealed class CheckpointResolutionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>t0 → t1; t0's execution fails while <paramref name="broken"/> says so. Returns once t0's checkpoint is open.</summary>
    private static async Task<(EngineHarness Harness, string User, string Project, string[] Tasks, EventRecorder Events, string CheckpointId)> OpenAsync(
        Func<bool> broken)
    {
        var harness = await new EngineHarness(c =>
        {
            c.Execution.AutoRetries = 0;
            c.Execution.CheckpointOnRetryExhausted = true;
        }).StartAsync();
        harness.Gateway.Handler = (r, _) => r.Context.Purpose == CallPurpose.Execution && ScriptedGateway.TitleOf(r) == "t0" && broken()
            ? throw new HttpRequestException("connection reset by peer")
            : Task.FromResult(ScriptedGateway.Answer(r));
        var (user, project, tasks) = await harness.SeedAsync([], [0]);
        var events = new EventRecorder(harness.Bus, project);
        await harness.Control.ExecuteAsync(user, project, Ct);
        var opened = await events.WaitForAsync("checkpoint", tasks[0]);
        await events.WaitForAsync("project_waiting");
        return (harness, user, project, tasks, events, opened.Field("checkpoint_id")!);
    }

    private static string PromptOf(EngineHarness harness, string title) =>
        string.Join("\n", harness.Gateway.Requests.Last(r => r.Context.Purpose == CallPurpose.Execution && ScriptedGateway.TitleOf(r) == title)
            .Messages.Select(m => m.Text));

    [Fact]
    public async Task Retry_runs_the_task_again_with_the_guidance_as_feedback()
    {
        var broken = true;
        var (harness, user, project, tasks, events, checkpointId) = await OpenAsync(() => broken);
        await using var _ = harness;
        using var __ = events;
        broken = false;

        var resolved = await harness.Review().ResolveCheckpointAsync(user, checkpointId, new CheckpointDecision("retry", "Use the mirror host.", null), Ct);
        await events.WaitForAsync("project_complete");

        Assert.True(resolved!.Done);
        Assert.Equal(("retry", "Use the mirror host."), (resolved.Checkpoint.Resolution, resolved.Checkpoint.Response));
        Assert.NotNull(resolved.Checkpoint.ResolvedAt);
        Assert.Contains("Guidance from a person (checkpoint): Use the mirror host.", PromptOf(harness, "t0"), StringComparison.Ordinal);
        Assert.Equal(["completed", "completed"], await harness.StatusesAsync(tasks));
        Assert.Contains(events.Events, e => e.Type == "checkpoint_resolved" && e.Field("action") == "retry");
        var again = await harness.Review().ResolveCheckpointAsync(user, checkpointId, new CheckpointDecision("skip", null, null), Ct);
        Assert.Contains("already resolved", again!.Refusal, StringComparison.Ordinal);
        Assert.Empty(await harness.ColumnAsync("SELECT id FROM checkpoints WHERE resolved_at IS NULL"));
    }

    [Fact]
    public async Task Skip_lets_the_dependants_run_without_its_output_and_a_gotcha_becomes_knowledge()
    {
        var (harness, user, project, tasks, events, checkpointId) = await OpenAsync(() => true);
        await using var _ = harness;
        using var __ = events;

        var resolved = await harness.Review().ResolveCheckpointAsync(user, checkpointId,
            new CheckpointDecision("skip", null, "The staging host rejects uploads over 10 MB."), Ct);
        await events.WaitForAsync("project_complete");

        Assert.Equal("skip", resolved!.Checkpoint.Resolution);
        var skipped = await harness.TaskAsync(tasks[0]);
        Assert.Equal(("completed", true), (skipped.Status, skipped.Skipped));
        var dependant = PromptOf(harness, "t1");
        Assert.Contains("### t0\n(Skipped by a person at a checkpoint", dependant, StringComparison.Ordinal);
        Assert.Contains("- [gotcha] The staging host rejects uploads over 10 MB. [from a checkpoint gotcha on task 't0']", dependant, StringComparison.Ordinal);
        var gotcha = Assert.Single(await harness.KnowledgeAsync(user, project));
        Assert.Equal(("gotcha", tasks[0]), (gotcha.Category, gotcha.TaskId));
        Assert.Equal(("checkpoint", checkpointId, user, "accepted"), (gotcha.Source, gotcha.CheckpointId, gotcha.AddedBy, gotcha.Status));
        Assert.Equal("completed", await harness.ProjectStatusAsync(project));
    }

    [Fact]
    public async Task Fail_fails_the_task_blocks_its_dependants_and_the_project_fails()
    {
        var (harness, user, project, tasks, events, checkpointId) = await OpenAsync(() => true);
        await using var _ = harness;
        using var __ = events;

        var resolved = await harness.Review().ResolveCheckpointAsync(user, checkpointId, new CheckpointDecision("fail", "Not needed any more.", null), Ct);
        await events.WaitForAsync("project_failed");

        Assert.Equal("fail", resolved!.Checkpoint.Resolution);
        Assert.Equal(["failed", "blocked"], await harness.StatusesAsync(tasks));
        Assert.Contains("Not needed any more.", (await harness.TaskAsync(tasks[0])).Error, StringComparison.Ordinal);
        Assert.Equal("failed", await harness.ProjectStatusAsync(project));
        Assert.Single(events.Events, e => e.Type == "task_failed");
    }

    [Fact]
    public async Task An_open_checkpoint_survives_a_restart_and_is_resolved_after_it()
    {
        var (harness, user, project, tasks, events, checkpointId) = await OpenAsync(() => true);
        await using var _ = harness;
        events.Dispose();

        await harness.RestartAsync();
        using var after = new EventRecorder(harness.Bus, project);
        // The restarted executor finds the project still waiting and says so again.
        await after.WaitForAsync("project_waiting");
        var checkpoint = Assert.Single(await harness.CheckpointsAsync(user, project));
        Assert.Equal((checkpointId, (double?)null), (checkpoint.Id, checkpoint.ResolvedAt));

        await harness.Review().ResolveCheckpointAsync(user, checkpointId, new CheckpointDecision("skip", null, null), Ct);
        await after.WaitForAsync("project_complete");

        Assert.Equal(["completed", "completed"], await harness.StatusesAsync(tasks));
    }

    [Fact]
    public async Task Another_users_checkpoint_is_not_found_and_a_retry_beyond_the_limit_is_refused()
    {
        var (harness, user, _, _, events, checkpointId) = await OpenAsync(() => true);
        await using var _ = harness;
        using var __ = events;
        harness.Config.Execution.MaxTaskRetries = 0;

        Assert.Null(await harness.Review().ResolveCheckpointAsync(Ids.New(), checkpointId, new CheckpointDecision("skip", null, null), Ct));
        var refused = await harness.Review().ResolveCheckpointAsync(user, checkpointId, new CheckpointDecision("retry", "again", null), Ct);

        Assert.Contains("max_task_retries", refused!.Refusal, StringComparison.Ordinal);
        Assert.Null(Assert.Single(await harness.CheckpointsAsync(user, refused.Checkpoint.ProjectId)).ResolvedAt);
    }
}
