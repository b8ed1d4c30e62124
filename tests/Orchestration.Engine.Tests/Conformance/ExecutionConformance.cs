using Orchestration.Core.Events;
using Orchestration.Core.Domain;
using Orchestration.Core.Lifecycle;
using Orchestration.Storage.Execution;

namespace Orchestration.Engine.Tests.Conformance;

/// <summary>
/// What every storage backend must do for execution, run through the engine's stores: claims and leases, guards against
/// stale attempts, readiness after each outcome, people's actions, events in commit order. A backend's test class derives
/// from this one and says how to make a fresh database (<see cref="SqliteExecutionConformance"/>).
/// </summary>
public abstract partial class ExecutionConformance
{
    protected abstract Task<ExecutionBackend> CreateBackendAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static AttemptResult Result => new("done", "claude-haiku-4-5-20251001", 10, 20, 1_500);

    [Fact]
    public async Task Execute_starts_a_run_and_queues_the_tasks_without_dependencies()
    {
        await using var db = await CreateBackendAsync();
        var user = await db.AddUserAsync();
        var (p, t) = await db.AddProjectAsync(user, "ready", [], [0], []);

        var started = await db.Runs.StartRunAsync(user, p, 10, Ct);

        Assert.Equal("executing", started!.Value.Status);
        Assert.Equal(("project_start", 1L), (started.Events.Single().Type, started.Events.Single().Run));
        Assert.Equal(["queued", "pending", "queued"], await Task.WhenAll(t.Select(db.StatusOfAsync)));
    }

    [Fact]
    public async Task Another_users_project_is_not_found_and_an_illegal_start_is_refused()
    {
        await using var db = await CreateBackendAsync();
        var owner = await db.AddUserAsync();
        var (p, _) = await db.AddProjectAsync(owner, "draft", [[]]);

        Assert.Null(await db.Runs.StartRunAsync(await db.AddUserAsync(), p, 1, Ct));
        await Assert.ThrowsAsync<IllegalTransitionException>(() => db.Runs.StartRunAsync(owner, p, 1, Ct));
    }

    [Fact]
    public async Task A_claim_needs_an_executing_project_a_queued_task_and_an_elapsed_delay()
    {
        await using var db = await CreateBackendAsync();
        var user = await db.AddUserAsync();
        var (p, t) = await db.AddProjectAsync(user, "ready", [[]]);
        Assert.Null(await db.Attempts.ClaimAsync(p, t[0], "me", 100, 1, null, Ct));
        await db.Runs.StartRunAsync(user, p, 1, Ct);

        var claim = await db.Attempts.ClaimAsync(p, t[0], "me", 100, 2, null, Ct);

        Assert.Equal(1, claim!.Value.Key.Attempt);
        Assert.Equal(("task_start", t[0]), (claim.Events.Single().Type, claim.Events.Single().TaskId));
        Assert.Equal("Build it.", claim.Value.Requirements);
        Assert.Null(await db.Attempts.ClaimAsync(p, t[0], "other", 100, 2, null, Ct));

        await db.Attempts.ScheduleRetryAsync(claim.Value.Key, notBefore: 50, "boom", 3, Ct);
        Assert.Null(await db.Attempts.ClaimAsync(p, t[0], "me", 100, 49, null, Ct));
        Assert.Equal(2, (await db.Attempts.ClaimAsync(p, t[0], "me", 100, 50, null, Ct))!.Value.Key.Attempt);
    }

    [Fact]
    public async Task Completing_the_last_dependency_queues_the_dependant_and_forwards_its_output()
    {
        await using var db = await CreateBackendAsync();
        var user = await db.AddUserAsync();
        var (p, t) = await db.AddProjectAsync(user, "ready", [], [], [0, 1]);
        await db.Runs.StartRunAsync(user, p, 1, Ct);
        var a = (await db.Attempts.ClaimAsync(p, t[0], "me", 100, 1, null, Ct))!.Value.Key;
        var b = (await db.Attempts.ClaimAsync(p, t[1], "me", 100, 1, null, Ct))!.Value.Key;

        Assert.Empty((await db.Attempts.CompleteAsync(a, Result, 2, Ct))!.Value);
        var done = await db.Attempts.CompleteAsync(b, Result, 3, Ct);

        Assert.Equal([t[2]], done!.Value);
        Assert.Equal("task_complete", done.Events.Single().Type);
        Assert.Contains("\"cost_usd\":1.5E-06", done.Events.Single().DataJson, StringComparison.Ordinal);
        var third = await db.Attempts.ClaimAsync(p, t[2], "me", 100, 4, null, Ct);
        Assert.Equal(["done", "done"], third!.Value.Dependencies.Select(d => d.OutputText));
    }

    [Fact]
    public async Task A_failure_blocks_downstream_and_a_manual_retry_unblocks_it()
    {
        await using var db = await CreateBackendAsync();
        var user = await db.AddUserAsync();
        var (p, t) = await db.AddProjectAsync(user, "ready", [], [0], [1]);
        await db.Runs.StartRunAsync(user, p, 1, Ct);
        var key = (await db.Attempts.ClaimAsync(p, t[0], "me", 100, 1, null, Ct))!.Value.Key;

        var failed = await db.Attempts.FailAsync(key, "provider error", 2, Ct);

        Assert.Equal(new[] { t[1], t[2] }.Order(), failed!.Value.Order());
        Assert.Equal(["failed", "blocked", "blocked"], await Task.WhenAll(t.Select(db.StatusOfAsync)));

        var retried = await db.Reviews.RetryTaskAsync(user, t[0], maxManualRetries: 1, 3, Ct);
        Assert.True(retried!.Value.Done);
        Assert.Equal(["queued", "pending", "pending"], await Task.WhenAll(t.Select(db.StatusOfAsync)));
        Assert.Equal("task_retry", retried.Events.Single().Type);
    }

    [Fact]
    public async Task Manual_retries_are_bounded_and_only_failed_or_cancelled_tasks_can_be_retried()
    {
        await using var db = await CreateBackendAsync();
        var user = await db.AddUserAsync();
        var (p, t) = await db.AddProjectAsync(user, "ready", [], []);
        await db.Runs.StartRunAsync(user, p, 1, Ct);

        Assert.NotNull((await db.Reviews.RetryTaskAsync(user, t[0], 5, 2, Ct))!.Value.Refusal);
        await db.Reviews.CancelTaskAsync(user, t[0], 2, Ct);
        Assert.True((await db.Reviews.RetryTaskAsync(user, t[0], 1, 3, Ct))!.Value.Done);
        await db.Reviews.CancelTaskAsync(user, t[0], 4, Ct);
        Assert.Contains("max_task_retries", (await db.Reviews.RetryTaskAsync(user, t[0], 1, 5, Ct))!.Value.Refusal, StringComparison.Ordinal);
        Assert.Null(await db.Reviews.RetryTaskAsync(await db.AddUserAsync(), t[1], 5, 5, Ct));
    }

    [Fact]
    public async Task Cancel_marks_unfinished_tasks_and_a_finishing_attempt_cannot_overwrite_it()
    {
        await using var db = await CreateBackendAsync();
        var user = await db.AddUserAsync();
        var (p, t) = await db.AddProjectAsync(user, "ready", [], [], [0]);
        await db.Runs.StartRunAsync(user, p, 1, Ct);
        var first = (await db.Attempts.ClaimAsync(p, t[0], "me", 100, 1, null, Ct))!.Value.Key;
        var second = (await db.Attempts.ClaimAsync(p, t[1], "me", 100, 1, null, Ct))!.Value.Key;
        await db.Attempts.CompleteAsync(second, Result, 2, Ct);

        var cancelled = await db.Runs.CancelAsync(user, p, 3, Ct);

        Assert.Equal("cancelled", cancelled!.Value.Status);
        Assert.Null(await db.Attempts.CompleteAsync(first, Result, 4, Ct));
        Assert.Null(await db.Attempts.FailAsync(first, "late", 4, Ct));
        Assert.Equal(["cancelled", "completed", "cancelled"], await Task.WhenAll(t.Select(db.StatusOfAsync)));
        await Assert.ThrowsAsync<IllegalTransitionException>(() => db.Runs.StartRunAsync(user, p, 5, Ct));
    }

    [Fact]
    public async Task Interrupted_attempts_of_other_owners_go_back_to_the_queue()
    {
        await using var db = await CreateBackendAsync();
        var user = await db.AddUserAsync();
        var (p, t) = await db.AddProjectAsync(user, "ready", [], []);
        await db.Runs.StartRunAsync(user, p, 1, Ct);
        var dead = (await db.Attempts.ClaimAsync(p, t[0], "dead-instance", 100, 1, null, Ct))!.Value.Key;
        await db.Attempts.ClaimAsync(p, t[1], "me", 100, 1, null, Ct);

        Assert.Empty((await db.Attempts.RecoverInterruptedAsync("me", onlyExpired: true, 50, Ct)).Value);
        var recovered = await db.Attempts.RecoverInterruptedAsync("me", onlyExpired: false, 50, Ct);

        Assert.Equal([p], recovered.Value);
        Assert.Equal("task_interrupted", recovered.Events.Single().Type);
        Assert.Equal(["queued", "running"], await Task.WhenAll(t.Select(db.StatusOfAsync)));
        Assert.Null(await db.Attempts.CompleteAsync(dead, Result, 51, Ct));
        Assert.Equal(2, (await db.Attempts.ClaimAsync(p, t[0], "me", 200, 52, null, Ct))!.Value.Key.Attempt);
    }

    [Fact]
    public async Task A_refused_budget_gives_the_attempt_back_and_the_project_pauses_only_when_told()
    {
        await using var db = await CreateBackendAsync();
        var user = await db.AddUserAsync();
        var (p, t) = await db.AddProjectAsync(user, "ready", [[]]);
        await db.Runs.StartRunAsync(user, p, 1, Ct);
        var key = (await db.Attempts.ClaimAsync(p, t[0], "me", 100, 1, null, Ct))!.Value.Key;
        var stop = new BudgetStop("daily", 5m, "over");

        var held = await db.Attempts.HoldForBudgetAsync(key, stop, 2, Ct);

        Assert.Equal("task_waiting", held!.Events.Single().Type);
        Assert.Contains("\"reason\":\"budget\"", held.Events.Single().DataJson, StringComparison.Ordinal);
        Assert.Equal("queued", await db.StatusOfAsync(t[0]));
        Assert.Null(await db.Attempts.HoldForBudgetAsync(key, stop, 2, Ct)); // the attempt is over: a second outcome is refused
        // The attempt was given back: the next claim is attempt 1 again.
        Assert.Equal(1, (await db.Attempts.ClaimAsync(p, t[0], "me", 100, 3, null, Ct))!.Value.Key.Attempt);

        var paused = await db.Runs.PauseForBudgetAsync(p, t[0], stop, 4, Ct);

        Assert.Equal("paused", paused!.Value!.Status);
        Assert.Contains("\"level\":\"exhausted\"", paused.Events.Single().DataJson, StringComparison.Ordinal);
        Assert.Null(await db.Runs.PauseForBudgetAsync(p, t[0], stop, 5, Ct));
        Assert.Null(await db.Runs.FinishAsync(p, ProjectStatus.Completed, RunEvents.Finished(p, true, 1, 0, 0, 0, 0), 6, Ct));
    }

    [Fact]
    public async Task A_deferred_attempt_waits_until_its_time_without_using_a_retry()
    {
        await using var db = await CreateBackendAsync();
        var user = await db.AddUserAsync();
        var (p, t) = await db.AddProjectAsync(user, "ready", [[]]);
        await db.Runs.StartRunAsync(user, p, 1, Ct);
        var key = (await db.Attempts.ClaimAsync(p, t[0], "me", 100, 1, null, Ct))!.Value.Key;

        var deferred = await db.Attempts.DeferAsync(key, 31, AttemptEvents.WaitingForProvider(p, t[0], "task 0", "ollama", false, 30, 31), 1, Ct);

        Assert.Equal("task_waiting", deferred!.Events.Single().Type);
        Assert.Null(await db.Attempts.ClaimAsync(p, t[0], "me", 100, 30, null, Ct));
        var again = (await db.Attempts.ClaimAsync(p, t[0], "me", 100, 31, null, Ct))!.Value;
        Assert.Equal(1, again.Key.Attempt);
        Assert.Equal(0, again.Task.AutoRetriesUsed);
    }
}
