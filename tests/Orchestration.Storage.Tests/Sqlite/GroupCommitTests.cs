using Dapper;

namespace Orchestration.Storage.Tests.Sqlite;

public sealed class GroupCommitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Concurrent_writers_share_commits_and_a_failing_one_is_rolled_back_alone()
    {
        await using var db = await ExecutionDatabase.CreateAsync();
        await using (var c = await db.Database.OpenAsync(Ct))
        {
            await c.ExecuteAsync("CREATE TABLE t (n INTEGER PRIMARY KEY)");
        }
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // The first writer holds the write turn until the others are queued behind it, so they share one batch.
        var first = db.Database.WriteAsync(async (c, tx) =>
        {
            await gate.Task;
            return await c.ExecuteAsync("INSERT INTO t (n) VALUES (0)", transaction: tx);
        }, Ct);
        var writers = Enumerable.Range(1, 20).Select(n => db.Database.WriteAsync(async (c, tx) =>
        {
            await c.ExecuteAsync("INSERT INTO t (n) VALUES (@n)", new { n }, tx);
            if (n == 7)
            {
                throw new InvalidOperationException("seven refuses");
            }
            return n;
        }, Ct)).ToList();
        gate.SetResult();

        await first;
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => writers[6]);
        Assert.Equal("seven refuses", error.Message);
        Assert.Equal(Enumerable.Range(1, 20).Where(n => n != 7), await Task.WhenAll(writers.Where((_, i) => i != 6)));
        await using var read = await db.Database.OpenAsync(Ct);
        Assert.Equal(Enumerable.Range(0, 21).Where(n => n != 7).Select(n => (long)n), await read.QueryAsync<long>("SELECT n FROM t ORDER BY n"));
    }

    [Fact]
    public async Task A_writer_cancelled_while_waiting_for_its_turn_writes_nothing()
    {
        await using var db = await ExecutionDatabase.CreateAsync();
        await using (var c = await db.Database.OpenAsync(Ct))
        {
            await c.ExecuteAsync("CREATE TABLE t (n INTEGER PRIMARY KEY)");
        }
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holder = db.Database.WriteAsync(async (c, tx) => { await gate.Task; return 0; }, Ct);
        using var cancel = new CancellationTokenSource();
        var waiting = db.Database.WriteAsync((c, tx) => c.ExecuteAsync("INSERT INTO t (n) VALUES (1)", transaction: tx), cancel.Token);

        await cancel.CancelAsync();
        // NOTE: observed before the turn frees up: a release racing the cancellation may legitimately win.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        gate.SetResult();
        await holder;

        await using var read = await db.Database.OpenAsync(Ct);
        Assert.Equal(0, await read.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM t"));
    }
}
