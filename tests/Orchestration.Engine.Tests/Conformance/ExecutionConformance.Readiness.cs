using Orchestration.Storage.Checkpoints;
using Orchestration.Storage.Execution;

namespace Orchestration.Engine.Tests.Conformance;

// Readiness after every kind of outcome, stale attempts, leases and the order of events.
public abstract partial class ExecutionConformance
{
    private static PeopleWait ReviewWait => new("human_needed", "waits for review", null);

    [Fact]
    public async Task In_a_diamond_the_join_is_queued_only_by_its_last_dependency()
    {
        await using var db = await CreateBackendAsync();
        var user = await db.AddUserAsync();
        var (p, t) = await db.AddProjectAsync(user, "ready", [], [0], [0], [1, 2]);
        await db.Runs.StartRunAsync(user, p, 1, Ct);

        var a = await db.Attempts.CompleteAsync((await db.Attempts.ClaimAsync(p, t[0], "me", 100, 1, null, Ct))!.Value.Key, Result, 2, Ct);
        Assert.Equal(new[] { t[1], t[2] }.Order(), a!.Value.Order());
        var b = await db.Attempts.CompleteAsync((await db.Attempts.ClaimAsync(p, t[1], "me", 100, 2, null, Ct))!.Value.Key, Result, 3, Ct);
        Assert.Empty(b!.Value);
        Assert.Equal("pending", await db.StatusOfAsync(t[3]));
        var c = await db.Attempts.CompleteAsync((await db.Attempts.ClaimAsync(p, t[2], "me", 100, 3, null, Ct))!.Value.Key, Result, 4, Ct);
        Assert.Equal([t[3]], c!.Value);
    }

    [Fact]
    public async Task A_stale_attempt_changes_nothing_once_its_task_was_claimed_again()
    {
        await using var db = await CreateBackendAsync();
        var user = await db.AddUserAsync();
        var (p, t) = await db.AddProjectAsync(user, "ready", [[]]);
        await db.Runs.StartRunAsync(user, p, 1, Ct);
        var first = (await db.Attempts.ClaimAsync(p, t[0], "node-a", 100, 1, null, Ct))!.Value.Key;
        await db.Attempts.RequeueAsync(first, "released", 2, Ct);
        var second = (await db.Attempts.ClaimAsync(p, t[0], "node-b", 100, 3, null, Ct))!.Value.Key;

        Assert.Equal(2, second.Attempt);
        Assert.Null(await db.Attempts.CompleteAsync(first, Result, 4, Ct));
        Assert.Null(await db.Attempts.FailAsync(first, "late", 4, Ct));
        Assert.Null(await db.Attempts.WaitForPeopleAsync(first, Result, ReviewWait, 4, Ct));
        Assert.Null(await db.Attempts.ReadAttemptAsync(first, Ct));
        Assert.NotNull(await db.Attempts.ReadAttemptAsync(second, Ct));
        Assert.NotNull(await db.Attempts.CompleteAsync(second, Result, 5, Ct));
        Assert.Equal("completed", await db.StatusOfAsync(t[0]));
    }

    [Fact]
    public async Task Renewed_leases_survive_an_expiry_sweep_and_external_claims_survive_a_restart()
    {
        await using var db = await CreateBackendAsync();
        var user = await db.AddUserAsync();
        var (p, t) = await db.AddProjectAsync(user, "ready", [], [], []);
        await db.Runs.StartRunAsync(user, p, 1, Ct);
        await db.Attempts.ClaimAsync(p, t[0], "live", 10, 1, null, Ct);
        await db.Attempts.ClaimAsync(p, t[1], "dead", 10, 1, null, Ct);
        await db.Attempts.ClaimAsync(p, t[2], ExternalWorkers.OwnerOf(user), 100, 1, null, Ct);

        await db.Attempts.RenewLeasesAsync("live", 40, Ct);
        var swept = await db.Attempts.RecoverInterruptedAsync("sweeper", onlyExpired: true, 20, Ct);

        Assert.Equal([t[1]], swept.Events.Select(e => e.TaskId));
        Assert.Contains("lease_expired", swept.Events.Single().DataJson, StringComparison.Ordinal);
        Assert.Equal(["running", "queued", "running"], await Task.WhenAll(t.Select(db.StatusOfAsync)));

        var restarted = await db.Attempts.RecoverInterruptedAsync("new-instance", onlyExpired: false, 30, Ct);
        Assert.Equal([t[0]], restarted.Events.Select(e => e.TaskId));
        Assert.Equal(["queued", "queued", "running"], await Task.WhenAll(t.Select(db.StatusOfAsync)));
    }

    [Fact]
    public async Task Waiting_for_review_blocks_downstream_and_approval_releases_it()
    {
        await using var db = await CreateBackendAsync();
        var user = await db.AddUserAsync();
        var (p, t) = await db.AddProjectAsync(user, "ready", [], [0], [1]);
        await db.Runs.StartRunAsync(user, p, 1, Ct);
        var key = (await db.Attempts.ClaimAsync(p, t[0], "me", 100, 1, null, Ct))!.Value.Key;

        var waiting = await db.Attempts.WaitForPeopleAsync(key, Result, ReviewWait, 2, Ct);
        Assert.Equal(new[] { t[1], t[2] }.Order(), waiting!.Value.Order());
        Assert.Equal(["needs_review", "blocked", "blocked"], await Task.WhenAll(t.Select(db.StatusOfAsync)));
        var announced = await db.Runs.AnnounceWaitingAsync(p, 3, Ct);
        Assert.Contains(t[0], announced!.Events.Single().DataJson, StringComparison.Ordinal);

        var approved = await db.Reviews.ApproveAsync(user, t[0], [], 4, Ct);

        Assert.True(approved!.Value.Done);
        Assert.Equal(["completed", "queued", "pending"], await Task.WhenAll(t.Select(db.StatusOfAsync)));
        Assert.Null(await db.Runs.AnnounceWaitingAsync(p, 5, Ct));
        Assert.NotNull((await db.Reviews.ApproveAsync(user, t[0], [], 6, Ct))!.Value.Refusal);
    }

    [Fact]
    public async Task A_skipped_checkpoint_lets_dependants_run_without_its_output_and_a_failed_one_blocks_them()
    {
        await using var db = await CreateBackendAsync();
        var user = await db.AddUserAsync();
        var (p, t) = await db.AddProjectAsync(user, "ready", [], [0], [], [2]);
        await db.Runs.StartRunAsync(user, p, 1, Ct);
        var checkpoint = new NewCheckpoint(CheckpointTypes.RetryExhausted, "failed twice", ["boom"], "Retry, skip or fail?");
        var skipWait = await db.Attempts.WaitForPeopleAsync((await db.Attempts.ClaimAsync(p, t[0], "me", 100, 1, null, Ct))!.Value.Key, null,
            new PeopleWait("retry_exhausted", "t0 failed", checkpoint, "boom"), 2, Ct);
        var failWait = await db.Attempts.WaitForPeopleAsync((await db.Attempts.ClaimAsync(p, t[2], "me", 100, 1, null, Ct))!.Value.Key, null,
            new PeopleWait("retry_exhausted", "t2 failed", checkpoint, "boom"), 2, Ct);
        var skipId = IdOf(skipWait!.Events.Single(e => e.Type == "checkpoint").DataJson);
        var failId = IdOf(failWait!.Events.Single(e => e.Type == "checkpoint").DataJson);

        var skipped = await db.Reviews.ResolveCheckpointAsync(user, skipId, new CheckpointDecision("skip", null, "Flaky service."), 3, 3, Ct);
        var failed = await db.Reviews.ResolveCheckpointAsync(user, failId, new CheckpointDecision("fail", "not needed", null), 3, 3, Ct);

        Assert.True(skipped!.Value.Done && failed!.Value.Done);
        Assert.Equal(["completed", "queued", "failed", "blocked"], await Task.WhenAll(t.Select(db.StatusOfAsync)));
        Assert.Contains(skipped.Events, e => e.Type == "knowledge_extracted");
        var dependant = (await db.Attempts.ClaimAsync(p, t[1], "me", 100, 4, null, Ct))!.Value;
        Assert.True(dependant.Dependencies.Single().Skipped);
        Assert.NotNull((await db.Reviews.ResolveCheckpointAsync(user, skipId, new CheckpointDecision("retry", null, null), 3, 5, Ct))!.Value.Refusal);
    }

    [Fact]
    public async Task Events_of_a_project_are_numbered_without_gaps_in_commit_order_under_concurrency()
    {
        await using var db = await CreateBackendAsync();
        var user = await db.AddUserAsync();
        var (p, t) = await db.AddProjectAsync(user, "ready", Enumerable.Range(0, 24).Select(_ => Array.Empty<int>()).ToArray());
        await db.Runs.StartRunAsync(user, p, 1, Ct);

        var committed = await Task.WhenAll(t.Select(async id =>
        {
            var claim = (await db.Attempts.ClaimAsync(p, id, "me", 100, 2, null, Ct))!;
            var done = (await db.Attempts.CompleteAsync(claim.Value.Key, Result, 3, Ct))!;
            return claim.Events.Concat(done.Events).ToList();
        }));

        var seqs = committed.SelectMany(e => e).Select(e => e.Seq).Order().ToList();
        Assert.Equal(Enumerable.Range(2, 48).Select(i => (long)i), seqs);
        // Within one transaction the events follow each other; a task's start precedes its completion.
        Assert.All(committed, events => Assert.True(events[0].Seq < events[1].Seq));
        Assert.All(t, id => Assert.Equal("completed", db.StatusOfAsync(id).GetAwaiter().GetResult()));
    }

    private static string IdOf(string dataJson) =>
        System.Text.Json.JsonDocument.Parse(dataJson).RootElement.GetProperty("checkpoint_id").GetString()!;
}
