using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestration.Core.Budget;
using Orchestration.Core.Configuration;
using Orchestration.Core.Domain;
using Orchestration.Core.Events;
using Orchestration.Storage.Budget;
using Orchestration.Storage.Cluster;
using Orchestration.Storage.Events;
using Orchestration.Storage.Execution.Postgres;
using Orchestration.Storage.Postgres;
using Orchestration.TestSupport.Postgres;

namespace Orchestration.Engine.Tests.Conformance;

/// <summary>What several nodes on one PostgreSQL database rely on from storage: each node a separate connection pool
/// naming itself, as separate server processes would.</summary>
public sealed class PostgresClusterStorageTests(PostgresServer server)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly BudgetPeriod Period = new("2026-12-04", "2026-12");

    [Fact]
    public async Task Sixty_four_reservations_from_three_nodes_at_once_never_overspend_a_cap()
    {
        await using var db = await PostgresBackend.CreateAsync(server);
        var nodes = Enumerable.Range(0, 3).Select(i => new PostgresDatabase(db.ConnectionString, $"node-{i}")).ToArray();
        var user = await db.AddUserAsync();
        var (p, _) = await db.AddProjectAsync(user, "executing", [[]]);
        var options = new BudgetOptions { DailyLimitUsd = 1m, MonthlyLimitUsd = 100m, PerProjectLimitUsd = 100m };
        try
        {
            var outcomes = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(async () =>
            {
                var store = new PostgresBudgetStore(nodes[i % 3]);
                var reservation = new NewBudgetReservation(Ids.New(), user, p, Money.ToNanos(0.07m), 1, $"node-{i % 3}", 100);
                return await store.ReserveAsync(reservation, Period,
                    figures => figures.Caps(options, Period, p).FirstOrDefault(cap => !cap.Admits(reservation.AmountNanos)), Ct);
            }, Ct)));

            Assert.Equal(14, outcomes.Count(refused => refused is null)); // 14 × $0.07 = $0.98; a 15th would pass $1.00
            Assert.Equal(Money.ToNanos(0.98m), (await db.Budget.ReadFiguresAsync(Period, null, Ct)).ReservedTotal);
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task The_holds_of_a_node_whose_heartbeat_aged_are_released_and_a_live_nodes_are_kept()
    {
        await using var db = await PostgresBackend.CreateAsync(server);
        var registry = new NodeRegistry(db.Postgres, shared: true);
        var user = await db.AddUserAsync();
        await registry.HeartbeatAsync(new NodeIdentity("live"), "here", now: 100, Ct);
        await registry.HeartbeatAsync(new NodeIdentity("dead"), "there", now: 40, Ct);
        var options = new BudgetOptions { DailyLimitUsd = 10m, MonthlyLimitUsd = 100m, PerProjectLimitUsd = 100m };
        foreach (var owner in new[] { "live", "dead", "never-registered", "me" })
        {
            var r = new NewBudgetReservation(Ids.New(), user, null, Money.ToNanos(1m), 1, owner, 1000);
            Assert.Null(await db.Budget.ReserveAsync(r, Period, figures => figures.Caps(options, Period, null).FirstOrDefault(c => !c.Admits(r.AmountNanos)), Ct));
        }

        Assert.Equal(2, await db.Budget.ReleaseOrphansAsync("me", liveSince: 70, Ct));

        await using var c = await db.OpenAsync();
        Assert.Equal(["live", "me"], (await c.QueryAsync<string>("SELECT owner FROM budget_reservations ORDER BY owner")).ToList());
        Assert.Equal(["live", "dead"], (await registry.NodesAsync(Ct)).Select(n => n.Id).ToList());
        await registry.LeaveAsync(new NodeIdentity("dead"), Ct);
        Assert.Equal(["live"], (await registry.NodesAsync(Ct)).Select(n => n.Id).ToList());
    }

    [Fact]
    public async Task Every_stored_event_is_announced_in_commit_order_with_the_node_that_wrote_it()
    {
        await using var db = await PostgresBackend.CreateAsync(server);
        await using var writerA = new PostgresDatabase(db.ConnectionString, "node-a");
        await using var writerB = new PostgresDatabase(db.ConnectionString, "node-b");
        var user = await db.AddUserAsync();
        var (p, t) = await db.AddProjectAsync(user, "executing", [[]]);
        var feed = new PostgresEventFeed(db.Postgres, NullLogger<PostgresEventFeed>.Instance);
        using var listening = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var notices = new List<EventNotice>();
        var enumerator = feed.ListenAsync(listening.Token).GetAsyncEnumerator(listening.Token);
        // The LISTEN is in place once the connection is open; an event written before it would not be announced.
        var first = enumerator.MoveNextAsync();
        await WaitForListenerAsync(db);

        var stores = new[] { new PostgresEventStore(writerA), new PostgresEventStore(writerB) };
        for (var i = 0; i < 6; i++)
        {
            await stores[i % 2].AppendAsync(i % 3 == 0
                ? new NewEvent(p, EventTypes.ProjectPaused, $"event {i}")
                : new NewEvent(p, EventTypes.TaskStart, $"event {i}", t[0]), i, Ct);
        }
        Assert.True(await first);
        notices.Add(enumerator.Current);
        while (notices.Count < 6)
        {
            Assert.True(await enumerator.MoveNextAsync());
            notices.Add(enumerator.Current);
        }

        Assert.Equal([1L, 2, 3, 4, 5, 6], notices.Select(n => n.Seq));
        Assert.All(notices, n => Assert.Equal(p, n.ProjectId));
        Assert.Equal(["node-a", "node-b", "node-a", "node-b", "node-a", "node-b"], notices.Select(n => n.Writer));
        Assert.Equal([EventTypes.ProjectPaused, EventTypes.TaskStart, EventTypes.TaskStart, EventTypes.ProjectPaused, EventTypes.TaskStart, EventTypes.TaskStart],
            notices.Select(n => n.Type));
        Assert.Equal([null, t[0], t[0], null, t[0], t[0]], notices.Select(n => n.TaskId));
        Assert.Equal(6, (await feed.LatestSeqAsync([p, "no-such-project"], Ct))[p]);
        await listening.CancelAsync();
        try
        {
            await enumerator.DisposeAsync();
        }
        catch (OperationCanceledException)
        {
            // Stopped listening.
        }
    }

    [Fact]
    public async Task A_projects_states_are_read_without_a_lock_in_plan_order()
    {
        await using var db = await PostgresBackend.CreateAsync(server);
        var user = await db.AddUserAsync();
        var (p, t) = await db.AddProjectAsync(user, "ready", [], [0]);
        await db.Runs.StartRunAsync(user, p, 1, Ct);
        await db.Attempts.ClaimAsync(p, t[0], "node-a", 100, 1, null, Ct);

        var states = (await new PostgresExecutionDatabase(db.Postgres).StatesAsync(p, Ct))!;

        Assert.Equal("executing", states.ProjectStatus);
        Assert.Equal([(t[0], "running"), (t[1], "pending")], states.Tasks.Select(s => (s.Id, s.Status)));
        Assert.Null(await new PostgresExecutionDatabase(db.Postgres).StatesAsync("no-such-project", Ct));
    }

    private static async Task WaitForListenerAsync(PostgresBackend db)
    {
        await using var c = await db.OpenAsync();
        for (var i = 0; i < 200; i++)
        {
            if (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM pg_stat_activity WHERE query LIKE 'LISTEN %' AND datname = current_database()") > 0)
            {
                return;
            }
            await Task.Delay(25, Ct);
        }
        Assert.Fail("The feed never started listening.");
    }
}
