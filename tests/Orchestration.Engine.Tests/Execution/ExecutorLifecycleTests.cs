using Microsoft.Extensions.DependencyInjection;
namespace Orchestration.Engine.Tests.Execution;

public sealed class ExecutorLifecycleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A gateway whose calls wait until released (or cancelled), announcing each start.</summary>
    private static (TaskCompletionSource Release, TaskCompletionSource<string> FirstStarted) Gate(EngineHarness harness, bool ignoreCancellation = false)
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Gateway.Handler = async (r, ct) =>
        {
            started.TrySetResult(ScriptedGateway.TitleOf(r));
            await release.Task.WaitAsync(ignoreCancellation ? CancellationToken.None : ct);
            return ScriptedGateway.Answer(r);
        };
        return (release, started);
    }

    [Fact]
    public async Task Pause_lets_the_running_task_finish_and_starts_no_other_until_execute()
    {
        await using var harness = await new EngineHarness(c => c.Execution.MaxConcurrentTasks = 1).StartAsync();
        var (release, started) = Gate(harness);
        var (user, project, tasks) = await harness.SeedAsync([], []);
        using var events = new EventRecorder(harness.Bus, project);
        await harness.Control.ExecuteAsync(user, project, Ct);
        await started.Task.WaitAsync(Ct);

        var paused = await harness.Control.PauseAsync(user, project, Ct);
        release.SetResult();
        await events.WaitForAsync("task_complete");

        Assert.Equal("paused", paused!.Status);
        Assert.Equal(1, harness.Gateway.Calls);
        Assert.Equal(1, (await harness.StatusesAsync(tasks)).Count(s => s == "queued"));
        await harness.Control.ExecuteAsync(user, project, Ct);
        await events.WaitForAsync("project_complete");
        Assert.Equal(2, harness.Gateway.Calls);
    }

    [Fact]
    public async Task Cancel_stops_the_model_call_and_marks_every_unfinished_task_cancelled()
    {
        await using var harness = await new EngineHarness().StartAsync();
        var cancelledCall = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Gateway.Handler = async (r, ct) =>
        {
            started.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            finally
            {
                cancelledCall.TrySetResult();
            }
            return ScriptedGateway.Answer(r);
        };
        var (user, project, tasks) = await harness.SeedAsync([], [0]);
        using var events = new EventRecorder(harness.Bus, project);
        await harness.Control.ExecuteAsync(user, project, Ct);
        await started.Task.WaitAsync(Ct);

        var cancelled = await harness.Control.CancelAsync(user, project, Ct);

        await cancelledCall.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal("cancelled", cancelled!.Status);
        Assert.Equal(["cancelled", "cancelled"], await harness.StatusesAsync(tasks));
        await events.WaitForAsync("project_cancelled");
    }

    [Fact]
    public async Task A_call_that_finishes_after_cancel_cannot_overwrite_cancelled()
    {
        await using var harness = await new EngineHarness().StartAsync();
        var (release, started) = Gate(harness, ignoreCancellation: true);
        var (user, project, tasks) = await harness.SeedAsync([[]]);
        using var events = new EventRecorder(harness.Bus, project);
        await harness.Control.ExecuteAsync(user, project, Ct);
        await started.Task.WaitAsync(Ct);

        await harness.Control.CancelAsync(user, project, Ct);
        release.SetResult();
        await events.WaitForAsync("project_cancelled");
        // The late result reaches the store and is refused; nothing else follows.
        await harness.StopAsync();

        var db = new Storage.Sqlite.SqliteDatabase(harness.DatabasePath);
        await using var c = await db.OpenAsync(Ct);
        Assert.Equal("cancelled", await Dapper.SqlMapper.ExecuteScalarAsync<string>(c, "SELECT status FROM tasks WHERE id = @id", new { id = tasks[0] }));
        Assert.DoesNotContain("task_complete", events.Types);
    }

    [Fact]
    public async Task Cancelling_one_running_task_stops_its_call_blocks_its_dependants_and_the_rest_runs()
    {
        await using var harness = await new EngineHarness().StartAsync();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Gateway.Handler = async (r, ct) =>
        {
            if (ScriptedGateway.TitleOf(r) == "t0")
            {
                started.TrySetResult();
                await Task.Delay(Timeout.Infinite, ct);
            }
            return ScriptedGateway.Answer(r);
        };
        var (user, project, tasks) = await harness.SeedAsync([], [0], []);
        using var events = new EventRecorder(harness.Bus, project);
        await harness.Control.ExecuteAsync(user, project, Ct);
        await started.Task.WaitAsync(Ct);

        var outcome = await harness.Control.CancelTaskAsync(user, tasks[0], Ct);
        await events.WaitForAsync("project_failed");

        Assert.True(outcome!.Done);
        Assert.Equal(["cancelled", "blocked", "completed"], await harness.StatusesAsync(tasks));
    }

    [Fact]
    public async Task Wave_checkpoints_pause_after_a_wave_with_wave_and_next_wave()
    {
        await using var harness = await new EngineHarness(c => c.Execution.WaveCheckpoints = true).StartAsync();
        var (user, project, tasks) = await harness.SeedAsync([], [], [0, 1]);
        using var events = new EventRecorder(harness.Bus, project);

        await harness.Control.ExecuteAsync(user, project, Ct);
        var checkpoint = await events.WaitForAsync("wave_checkpoint");

        Assert.Contains("\"wave\":0,\"next_wave\":1", checkpoint.DataJson, StringComparison.Ordinal);
        Assert.Equal("paused", await harness.ProjectStatusAsync(project));
        Assert.Equal(["completed", "completed", "queued"], await harness.StatusesAsync(tasks));
        await harness.Control.ExecuteAsync(user, project, Ct);
        await events.WaitForAsync("project_complete");
    }

    [Fact]
    public async Task Shutdown_interrupts_running_attempts_and_the_next_start_completes_them_exactly_once()
    {
        var harness = await new EngineHarness().StartAsync();
        await using var _ = harness;
        var (release, started) = Gate(harness);
        var (user, project, tasks) = await harness.SeedAsync([], [0], []);
        await harness.Control.ExecuteAsync(user, project, Ct);
        await started.Task.WaitAsync(Ct);

        await harness.StopAsync();
        harness.Gateway.Handler = (r, _) => Task.FromResult(ScriptedGateway.Answer(r));
        await harness.StartAsync();
        using var events = new EventRecorder(harness.Bus, project);
        await events.WaitForAsync("project_complete");

        Assert.Equal(["completed", "completed", "completed"], await harness.StatusesAsync(tasks));
        var history = await harness.Services.GetRequiredService<Storage.Events.IEventStore>().ReadAfterAsync(project, 0, 1000, Ct);
        Assert.All(tasks, t => Assert.Single(history, e => e.Type == "task_complete" && e.TaskId == t));
        Assert.Contains(history, e => e.Type == "task_interrupted");
        release.TrySetResult();
    }
}
