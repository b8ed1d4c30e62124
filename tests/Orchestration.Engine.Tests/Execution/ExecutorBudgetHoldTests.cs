using Orchestration.Core.Domain;
using Orchestration.Engine.Models;
using Orchestration.Engine.Tests.Intelligence;

namespace Orchestration.Engine.Tests.Execution;

/// <summary>docs/executor.md, Budget: when only paid caps are exhausted, work on local (free) models continues; the
/// project pauses once nothing else can run, and raising the cap plus execute resumes it.</summary>
public sealed class ExecutorBudgetHoldTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ollama_tasks_keep_running_while_paid_ones_wait_then_the_project_pauses_and_execute_resumes_it()
    {
        await using var harness = await new EngineHarness().StartAsync();
        var capReached = true;
        harness.Gateway.Handler = (r, _) => capReached && r.Tier != ModelTier.Ollama
            ? throw new BudgetExceededException("project", 1m, "Project cap reached")
            : Task.FromResult(ScriptedGateway.Answer(r));
        // t0 paid; t1 → t2 free (ollama tier); t3 paid, after t2.
        var (user, project, tasks) = await harness.SeedAsync([], [], [1], [2]);
        await harness.SetTierAsync("ollama", tasks[1], tasks[2]);
        using var events = new EventRecorder(harness.Bus, project);

        await harness.Control.ExecuteAsync(user, project, Ct);
        var paused = await events.WaitForAsync(e => e.Type == "budget_warning" && e.Field("level") == "exhausted");

        Assert.Equal("paused", await harness.ProjectStatusAsync(project));
        Assert.Equal(["queued", "completed", "completed", "queued"], await harness.StatusesAsync(tasks));
        Assert.Contains("nothing else can run", paused.Message, StringComparison.Ordinal);
        var waiting = events.Events.Where(e => e.Type == "task_waiting").ToList();
        Assert.Contains(waiting, e => e.TaskId == tasks[0] && e.Field("reason") == "budget");
        // The free tasks completed before the pause; nothing started after it.
        Assert.All(events.Events.Where(e => e.Type == "task_complete"), e => Assert.True(e.Seq < paused.Seq));
        Assert.Equal([tasks[1], tasks[2]], events.Events.Where(e => e.Type == "task_complete").Select(e => e.TaskId!).ToArray());

        capReached = false;
        await harness.Control.ExecuteAsync(user, project, Ct);
        await events.WaitForAsync("project_complete");
        Assert.Equal(["completed", "completed", "completed", "completed"], await harness.StatusesAsync(tasks));
    }

    [Fact]
    public async Task A_paid_cap_with_no_free_work_left_pauses_as_soon_as_the_running_attempts_end()
    {
        await using var harness = await new EngineHarness().StartAsync();
        harness.Gateway.Handler = (_, _) => throw new BudgetExceededException("daily", 5m, "Daily cap reached");
        var (user, project, tasks) = await harness.SeedAsync([], [], [0]);
        using var events = new EventRecorder(harness.Bus, project);

        await harness.Control.ExecuteAsync(user, project, Ct);
        await events.WaitForAsync(e => e.Type == "budget_warning" && e.Field("level") == "exhausted");

        Assert.Equal("paused", await harness.ProjectStatusAsync(project));
        Assert.Equal(["queued", "queued", "pending"], await harness.StatusesAsync(tasks));
        // A refused attempt is given back: no retry was used up.
        Assert.Equal(0L, await harness.ScalarAsync<long>("SELECT SUM(attempt_count + auto_retries_used) FROM tasks"));
    }
}
