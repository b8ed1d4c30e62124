using Dapper;
using Orchestration.Engine.Budget;

namespace Orchestration.Engine.Tests.Budget;

/// <summary>Group commit: work queued behind a running batch shares one transaction, failing alone and withdrawable.</summary>
public sealed class LedgerWriteQueueTests
{
    [Fact]
    public async Task Queued_work_commits_together_while_a_failing_piece_is_undone_alone_and_a_cancelled_one_never_runs()
    {
        await using var h = await LedgerHarness.CreateAsync();
        using var queue = new LedgerWriteQueue(h.Database);
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        using var cancel = new CancellationTokenSource();

        var blocker = Task.Run(() => queue.WriteAsync(_ =>
        {
            entered.Set();
            release.Wait(TestContext.Current.CancellationToken);
            return 0;
        }, CancellationToken.None));
        entered.Wait(TestContext.Current.CancellationToken);
        var first = queue.WriteAsync(sql => Insert(sql, "a"), CancellationToken.None);
        var failing = queue.WriteAsync<int>(sql =>
        {
            Insert(sql, "b");
            throw new InvalidOperationException("this piece fails");
        }, CancellationToken.None);
        var withdrawn = queue.WriteAsync(sql => Insert(sql, "c"), cancel.Token);
        var last = queue.WriteAsync(sql => Insert(sql, "d"), CancellationToken.None);
        await cancel.CancelAsync();
        // Withdrawn while the batch before it still runs: no later batch can have claimed it.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => withdrawn);
        release.Set();

        await blocker;
        Assert.Equal(1, await first);
        Assert.Equal(1, await last);
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        Assert.Equal("this piece fails", failure.Message);
        Assert.Equal("a,d", await h.ScalarAsync<string>("SELECT group_concat(period, ',') FROM (SELECT period FROM budget_totals WHERE scope = 'test' ORDER BY period)"));
    }

    [Fact]
    public async Task A_failed_transaction_fails_only_its_callers_and_the_next_write_succeeds()
    {
        await using var h = await LedgerHarness.CreateAsync();
        using var queue = new LedgerWriteQueue(h.Database);

        await Assert.ThrowsAsync<InvalidOperationException>(() => queue.WriteAsync<int>(_ => throw new InvalidOperationException("alone"), CancellationToken.None));

        Assert.Equal(1, await queue.WriteAsync(sql => Insert(sql, "after"), CancellationToken.None));
        Assert.Equal(1L, await h.ScalarAsync<long>("SELECT COUNT(*) FROM budget_totals WHERE scope = 'test'"));
    }

    private static int Insert(LedgerStatements sql, string period) =>
        sql.Connection.Execute("INSERT INTO budget_totals (scope, period, spent_nanos) VALUES ('test', @period, 1)", new { period }, sql.Transaction);
}
