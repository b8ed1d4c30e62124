using Microsoft.Extensions.Time.Testing;
using Orchestration.Core.Domain;
using Orchestration.Engine.Models;

namespace Orchestration.Engine.Tests.Execution;

public sealed class ExecutorFailureTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_transient_failure_waits_out_its_backoff_on_the_clock_then_succeeds()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var harness = await new EngineHarness(c => c.Execution.RetryBackoffBaseSec = 30, time).StartAsync();
        var failures = 1;
        harness.Gateway.Handler = (r, _) => Interlocked.Decrement(ref failures) >= 0
            ? throw new HttpRequestException("503 from provider")
            : Task.FromResult(ScriptedGateway.Answer(r));
        var (user, project, tasks) = await harness.SeedAsync([[]]);
        using var events = new EventRecorder(harness.Bus, project);

        await harness.Control.ExecuteAsync(user, project, Ct);
        var retry = await events.WaitForAsync("task_retry");

        Assert.Equal(["queued"], await harness.StatusesAsync(tasks));
        Assert.Contains("\"retry\":1", retry.DataJson, StringComparison.Ordinal);
        Assert.Equal(1, harness.Gateway.Calls);
        time.Advance(TimeSpan.FromSeconds(33));
        await events.WaitForAsync("project_complete");
        Assert.Equal(2, harness.Gateway.Calls);
    }

    [Fact]
    public async Task Exhausted_retries_fail_the_task_block_its_dependants_and_fail_the_project_after_the_rest_ran()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var harness = await new EngineHarness(c => c.Execution.AutoRetries = 1, time).StartAsync();
        harness.Gateway.Handler = (r, _) => ScriptedGateway.TitleOf(r) == "t0"
            ? throw new HttpRequestException("connection reset")
            : Task.FromResult(ScriptedGateway.Answer(r));
        // t0 → t1 → t2 ; t3 independent
        var (user, project, tasks) = await harness.SeedAsync([], [0], [1], []);
        using var events = new EventRecorder(harness.Bus, project);

        await harness.Control.ExecuteAsync(user, project, Ct);
        await events.WaitForAsync("task_retry", tasks[0]);
        time.Advance(TimeSpan.FromMinutes(5));
        var failed = await events.WaitForAsync("project_failed");

        Assert.Equal(["failed", "blocked", "blocked", "completed"], await harness.StatusesAsync(tasks));
        Assert.Equal("failed", await harness.ProjectStatusAsync(project));
        Assert.Contains("1 failed, 2 blocked", failed.Message, StringComparison.Ordinal);
        Assert.Single(events.Events, e => e.Type == "task_failed");
    }

    [Fact]
    public async Task A_manual_retry_after_failure_lets_execute_finish_the_graph()
    {
        await using var harness = await new EngineHarness(c => c.Execution.AutoRetries = 0).StartAsync();
        var broken = true;
        harness.Gateway.Handler = (r, _) => broken && ScriptedGateway.TitleOf(r) == "t0"
            ? throw new HttpRequestException("down")
            : Task.FromResult(ScriptedGateway.Answer(r));
        var (user, project, tasks) = await harness.SeedAsync([], [0]);
        using var events = new EventRecorder(harness.Bus, project);
        await harness.Control.ExecuteAsync(user, project, Ct);
        await events.WaitForAsync("project_failed");

        broken = false;
        var retried = await harness.Control.RetryTaskAsync(user, tasks[0], Ct);
        Assert.True(retried!.Done);
        Assert.Equal(["queued", "pending"], await harness.StatusesAsync(tasks));
        await harness.Control.ExecuteAsync(user, project, Ct);
        await events.WaitForAsync("project_complete");

        Assert.Equal(["completed", "completed"], await harness.StatusesAsync(tasks));
    }

    [Fact]
    public async Task A_refused_budget_pauses_the_project_with_an_exhausted_warning_and_execute_resumes_it()
    {
        await using var harness = await new EngineHarness().StartAsync();
        var capReached = true;
        harness.Gateway.Handler = (r, _) => capReached
            ? throw new BudgetExceededException("daily", 5m, "Daily cap reached")
            : Task.FromResult(ScriptedGateway.Answer(r));
        var (user, project, tasks) = await harness.SeedAsync([], [0]);
        using var events = new EventRecorder(harness.Bus, project);

        await harness.Control.ExecuteAsync(user, project, Ct);
        var warning = await events.WaitForAsync("budget_warning");

        Assert.Contains("\"level\":\"exhausted\"", warning.DataJson, StringComparison.Ordinal);
        Assert.Equal("paused", await harness.ProjectStatusAsync(project));
        Assert.Equal(["queued", "pending"], await harness.StatusesAsync(tasks));
        capReached = false;
        await harness.Control.ExecuteAsync(user, project, Ct);
        await events.WaitForAsync("project_complete");
    }

    [Fact]
    public async Task A_task_failure_event_never_carries_the_exception_text()
    {
        await using var harness = await new EngineHarness().StartAsync();
        harness.Gateway.Handler = (_, _) => throw new InvalidOperationException("unexpected");
        var (user, project, tasks) = await harness.SeedAsync([[]]);
        using var events = new EventRecorder(harness.Bus, project);
        harness.Config.Execution.AutoRetries = 0;

        await harness.Control.ExecuteAsync(user, project, Ct);
        await events.WaitForAsync("project_failed");

        Assert.Equal(["failed"], await harness.StatusesAsync(tasks));
        Assert.DoesNotContain("unexpected", events.Events.Single(e => e.Type == "task_failed").Message, StringComparison.Ordinal);
    }
}
