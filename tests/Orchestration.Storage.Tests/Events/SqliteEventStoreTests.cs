using Orchestration.Storage.Execution.Sqlite;
using Orchestration.Core.Events;
using Orchestration.Storage.Events;
using Orchestration.Storage.Execution;

namespace Orchestration.Storage.Tests.Events;

public sealed class SqliteEventStoreTests
{
    [Fact]
    public async Task Sequence_numbers_are_per_project_consecutive_and_unique_under_concurrency()
    {
        await using var db = await ExecutionDatabase.CreateAsync();
        var user = await db.AddUserAsync();
        var (a, _) = await db.AddProjectAsync(user, "draft");
        var (b, _) = await db.AddProjectAsync(user, "draft");
        var store = new SqliteEventStore(db.Database);

        var appended = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            store.AppendAsync(new NewEvent(i % 2 == 0 ? a : b, "tool_call", $"e{i}"), i, TestContext.Current.CancellationToken)));

        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), appended.Where(e => e.ProjectId == a).Select(e => e.Seq).Order());
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), appended.Where(e => e.ProjectId == b).Select(e => e.Seq).Order());
        var after = await store.ReadAfterAsync(a, 15, 100, TestContext.Current.CancellationToken);
        Assert.Equal([16L, 17, 18, 19, 20], after.Select(e => e.Seq));
    }

    [Fact]
    public async Task Optional_fields_are_stored_as_a_json_object()
    {
        await using var db = await ExecutionDatabase.CreateAsync();
        var (p, _) = await db.AddProjectAsync(await db.AddUserAsync(), "draft");
        var store = new SqliteEventStore(db.Database);

        var e = await store.AppendAsync(new NewEvent(p, "wave_checkpoint", "w", "t1",
            new Dictionary<string, object?> { ["wave"] = 1, ["next_wave"] = 2, ["level"] = "warn" }), 12.5, TestContext.Current.CancellationToken);

        Assert.Equal("""{"wave":1,"next_wave":2,"level":"warn"}""", e.DataJson);
        Assert.Equal(("t1", 12.5), (e.TaskId, e.CreatedAt));
    }

    [Fact]
    public async Task Each_execute_starts_a_new_run_and_a_fresh_stream_starts_at_the_latest_one()
    {
        await using var db = await ExecutionDatabase.CreateAsync();
        var user = await db.AddUserAsync();
        var (p, _) = await db.AddProjectAsync(user, "ready", [], [0]);
        var events = new SqliteEventStore(db.Database);
        var execution = new SqliteExecutionDatabase(db.Database);
        var ct = TestContext.Current.CancellationToken;

        await events.AppendAsync(new NewEvent(p, "plan_ready", "before any run"), 1, ct);
        Assert.Equal(0, await events.LatestRunStartAsync(p, ct));
        await StartRunAsync(execution, p, 2);
        await events.AppendAsync(new NewEvent(p, "tool_call", "in run 1"), 3, ct);
        await execution.WriteAsync(t => t.AppendAsync(RunEvents.Paused(p), 4), ct);
        var second = await StartRunAsync(execution, p, 5);

        Assert.Equal(2, second.Run);
        Assert.Equal(second.Seq - 1, await events.LatestRunStartAsync(p, ct));
        var (history, total) = await events.HistoryAsync(p, 0, 2, ct);
        Assert.Equal(5, total);
        Assert.Equal([5L, 4], history.Select(e => e.Seq));
    }

    // A run's start as the engine writes it: the next run number, then its project_start event in the same transaction.
    private static Task<StoredEvent> StartRunAsync(SqliteExecutionDatabase execution, string projectId, double now) =>
        execution.WriteAsync(async t =>
        {
            var run = await t.NextRunAsync(projectId, now);
            return await t.AppendAsync(RunEvents.Started(projectId, run, 0, 0), now);
        }, TestContext.Current.CancellationToken);
}
