using System.Diagnostics;
using Dapper;
using Orchestration.Core.Events;
using Orchestration.Engine.Runs;
using Orchestration.Storage.Execution;
using Orchestration.Storage.Execution.Postgres;
using Orchestration.Storage.Postgres;
using Orchestration.TestSupport.Postgres;

namespace Orchestration.Engine.Tests.Conformance;

/// <summary>What SQLite gets from its single writer and PostgreSQL must get from its locks: transactions of several
/// servers (separate connection pools on one database) interleaving on one project.</summary>
public sealed class PostgresConcurrencyTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static AttemptResult Result => new("done", "claude-haiku-4-5-20251001", 10, 20, 1_500);

    [Fact]
    public async Task Completing_the_last_two_dependencies_at_once_on_two_servers_leaves_the_dependant_queued()
    {
        await using var db = await PostgresBackend.CreateAsync(server);
        await using var otherPool = new PostgresDatabase(db.ConnectionString);
        var user = await db.AddUserAsync();
        var (p, t) = await db.AddProjectAsync(user, "ready", [], [], [0, 1]);
        await db.Runs.StartRunAsync(user, p, 1, Ct);
        var a = (await db.Attempts.ClaimAsync(p, t[0], "node-a", 100, 1, null, Ct))!.Value.Key;
        var b = (await db.Attempts.ClaimAsync(p, t[1], "node-b", 100, 1, null, Ct))!.Value.Key;
        var first = new PausingExecutionDatabase(db.Database);
        var second = new PausingExecutionDatabase(new PostgresExecutionDatabase(otherPool));
        var firstAtSlice = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondAtSlice = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        first.BeforeSlice = () => { firstAtSlice.TrySetResult(); return release.Task; };
        second.BeforeSlice = () => { secondAtSlice.TrySetResult(); return release.Task; };

        // The first completion has written its task and is held, uncommitted, before it reads the dependant's dependencies.
        var completingA = new AttemptStore(first).CompleteAsync(a, Result, 2, Ct);
        await firstAtSlice.Task;
        // The second starts on another connection meanwhile. Either it waits for the first, or it gets as far as the same
        // point (each would then read the other's dependency as still running): both are let go once one of them is seen.
        var completingB = new AttemptStore(second).CompleteAsync(b, Result, 2, Ct);
        await Task.WhenAny(secondAtSlice.Task, WaitingForALockAsync(db));
        release.SetResult();
        var results = await Task.WhenAll(completingA, completingB);

        Assert.Equal([t[2]], results.SelectMany(r => r!.Value));
        Assert.Equal(["completed", "completed", "queued"], await Task.WhenAll(t.Select(db.StatusOfAsync)));
    }

    [Fact]
    public async Task Two_servers_claiming_one_task_at_once_give_it_to_exactly_one()
    {
        await using var db = await PostgresBackend.CreateAsync(server);
        await using var otherPool = new PostgresDatabase(db.ConnectionString);
        var user = await db.AddUserAsync();
        var (p, t) = await db.AddProjectAsync(user, "ready", [[]]);
        await db.Runs.StartRunAsync(user, p, 1, Ct);

        var claims = await Task.WhenAll(
            Task.Run(() => db.Attempts.ClaimAsync(p, t[0], "node-a", 100, 2, null, Ct), Ct),
            Task.Run(() => new AttemptStore(new PostgresExecutionDatabase(otherPool)).ClaimAsync(p, t[0], "node-b", 100, 2, null, Ct), Ct));

        var winner = Assert.Single(claims, c => c is not null)!;
        Assert.Equal(1, winner.Value.Key.Attempt);
        await using var c = await db.OpenAsync();
        Assert.Equal(1, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM events WHERE type = @type", new { type = EventTypes.TaskStart }));
    }

    [Fact]
    public async Task Events_appended_concurrently_by_several_servers_are_numbered_without_gaps_in_commit_order()
    {
        await using var db = await PostgresBackend.CreateAsync(server);
        var user = await db.AddUserAsync();
        var (p, _) = await db.AddProjectAsync(user, "executing", [[]]);
        var pools = Enumerable.Range(0, 4).Select(_ => new PostgresDatabase(db.ConnectionString)).ToList();
        try
        {
            var writing = Task.WhenAll(pools.Select(pool => Task.Run(async () =>
            {
                var database = new PostgresExecutionDatabase(pool);
                for (var n = 0; n < 25; n++)
                {
                    await database.WriteAsync(t => t.AppendAsync(RunEvents.Paused(p), n), Ct);
                }
            }, Ct)));

            // NOTE: a reader that follows the log by sequence number (as the event stream does) must never see a number
            // committed before a smaller one: at every moment the committed numbers are exactly 1..n.
            await using var c = await db.OpenAsync();
            var reads = 0;
            while (!writing.IsCompleted || reads == 0)
            {
                var seqs = (await c.QueryAsync<long>("SELECT seq FROM events WHERE project_id = @p ORDER BY seq", new { p })).ToList();
                Assert.Equal(Enumerable.Range(1, seqs.Count).Select(i => (long)i), seqs);
                reads++;
            }
            await writing;
            Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i),
                await c.QueryAsync<long>("SELECT seq FROM events WHERE project_id = @p ORDER BY seq", new { p }));
        }
        finally
        {
            foreach (var pool in pools)
            {
                await pool.DisposeAsync();
            }
        }
    }

    // Until a backend of the test's database waits for a lock (at most 30 s: the test then goes on and its assertions
    // tell). NOTE: polled, as PostgreSQL reports lock waits only through pg_stat_activity.
    private static async Task WaitingForALockAsync(PostgresBackend db)
    {
        await using var c = await db.OpenAsync();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30) && !await c.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock')"))
        {
            await Task.Delay(10, Ct);
        }
    }
}
