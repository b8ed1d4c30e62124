using Dapper;
using Orchestration.Storage.Checkpoints;
using Orchestration.Storage.Execution;
using Orchestration.Storage.Knowledge;
using Orchestration.Storage.Projects;

namespace Orchestration.Engine.Tests.Conformance;

/// <summary>Knowledge and checkpoints written by the execution stores, read back through the SQLite read stores.</summary>
public sealed class SqliteKnowledgeAndCheckpointTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<AttemptKey> ClaimAsync(SqliteBackend db, string project, string task)
    {
        await using (var c = await db.Sqlite.OpenAsync(Ct))
        {
            await c.ExecuteAsync("UPDATE tasks SET status = 'queued' WHERE id = @task", new { task });
        }
        return (await db.Attempts.ClaimAsync(project, task, "worker", 1_000, 1, null, Ct))!.Value.Key;
    }

    private static AttemptResult Learned(params (string Category, string Content)[] findings) =>
        new("output", "claude-haiku-4-5-20251001", 10, 20, 1_000) { Findings = findings.Select(f => new NewFinding(f.Category, f.Content)).ToList() };

    [Fact]
    public async Task Findings_are_merged_per_project_on_normalised_content_and_keep_their_first_source()
    {
        await using var db = await SqliteBackend.CreateAsync();
        var user = await db.AddUserAsync();
        var (p, t) = await db.AddProjectAsync(user, "executing", [], []);
        var knowledge = new SqliteKnowledgeStore(db.Sqlite);

        var first = await db.Attempts.CompleteAsync(await ClaimAsync(db, p, t[0]),
            Learned(("constraint", "The API requires ISO 8601 dates."), ("gotcha", "the api REQUIRES iso-8601 dates")), 2, Ct);
        var second = await db.Attempts.CompleteAsync(await ClaimAsync(db, p, t[1]),
            Learned(("discovery", "The API requires ISO 8601 dates!"), ("decision", "Amounts are integer cents.")), 3, Ct);

        var all = await knowledge.ListAsync(user, p, new KnowledgeFilter(), Ct);
        Assert.Equal([("decision", "Amounts are integer cents.", "task 1"), ("constraint", "The API requires ISO 8601 dates.", "task 0")],
            all!.Select(k => (k.Category, k.Content, k.SourceTaskTitle)));
        Assert.Single(first!.Events, e => e.Type == "knowledge_extracted");
        var learned = Assert.Single(second!.Events, e => e.Type == "knowledge_extracted");
        Assert.Contains(all![0].Id, learned.DataJson, StringComparison.Ordinal);
        Assert.DoesNotContain(all[1].Id, learned.DataJson, StringComparison.Ordinal);
        Assert.Equal(["Amounts are integer cents."], (await knowledge.ListAsync(user, p, new KnowledgeFilter("decision"), Ct))!.Select(k => k.Content));
    }

    [Fact]
    public async Task Knowledge_is_read_and_deleted_only_by_the_projects_owner()
    {
        await using var db = await SqliteBackend.CreateAsync();
        var user = await db.AddUserAsync();
        var stranger = await db.AddUserAsync();
        var (p, t) = await db.AddProjectAsync(user, "executing", [[]]);
        var knowledge = new SqliteKnowledgeStore(db.Sqlite);
        await db.Attempts.CompleteAsync(await ClaimAsync(db, p, t[0]), Learned(("reference", "Docs live in docs/.")), 2, Ct);
        var id = (await knowledge.ListAsync(user, p, new KnowledgeFilter(), Ct))!.Single().Id;

        Assert.Null(await knowledge.ListAsync(stranger, p, new KnowledgeFilter(), Ct));
        Assert.Null(await knowledge.DeleteAsync(stranger, p, id, Ct));
        Assert.True(await knowledge.DeleteAsync(user, p, id, Ct));
        Assert.False(await knowledge.DeleteAsync(user, p, id, Ct));
        Assert.Empty((await knowledge.ListAsync(user, p, new KnowledgeFilter(), Ct))!);
    }

    [Fact]
    public async Task Deleting_a_project_deletes_its_checkpoints_and_knowledge()
    {
        await using var db = await SqliteBackend.CreateAsync();
        var user = await db.AddUserAsync();
        var (p, t) = await db.AddProjectAsync(user, "executing", [], []);
        await db.Attempts.CompleteAsync(await ClaimAsync(db, p, t[0]), Learned(("decision", "Use SQLite.")), 2, Ct);
        var waiting = await db.Attempts.WaitForPeopleAsync(await ClaimAsync(db, p, t[1]), null,
            new PeopleWait("retry_exhausted", "t1 failed", new NewCheckpoint(CheckpointTypes.RetryExhausted, "failed", ["boom"], "Retry?"), "boom"), 3, Ct);
        Assert.Single(waiting!.Events, e => e.Type == "checkpoint");
        var checkpoints = new SqliteCheckpointStore(db.Sqlite);
        var open = Assert.Single((await checkpoints.ListAsync(user, p, includeResolved: false, Ct))!);
        Assert.Equal((t[1], "task 1", "[\"boom\"]"), (open.TaskId, open.TaskTitle, open.ErrorsJson));
        Assert.Null(await checkpoints.GetAsync(await db.AddUserAsync(), open.Id, Ct));

        Assert.True(await new SqliteProjectStore(db.Sqlite).DeleteAsync(user, p, Ct));

        await using var c = await db.Sqlite.OpenAsync(Ct);
        Assert.Equal(0, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM checkpoints"));
        Assert.Equal(0, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM project_knowledge"));
    }

    [Fact]
    public async Task Cancelling_the_project_closes_its_open_checkpoints()
    {
        await using var db = await SqliteBackend.CreateAsync();
        var user = await db.AddUserAsync();
        var (p, t) = await db.AddProjectAsync(user, "executing", [[]]);
        await db.Attempts.WaitForPeopleAsync(await ClaimAsync(db, p, t[0]), null,
            new PeopleWait("retry_exhausted", "t0 failed", new NewCheckpoint(CheckpointTypes.RetryExhausted, "failed", ["boom"], "Retry?"), "boom"), 3, Ct);

        await db.Runs.CancelAsync(user, p, 4, Ct);

        var closed = Assert.Single((await new SqliteCheckpointStore(db.Sqlite).ListAsync(user, p, includeResolved: true, Ct))!);
        Assert.Equal(("cancelled", 4.0), (closed.Resolution, closed.ResolvedAt));
        Assert.Empty((await new SqliteCheckpointStore(db.Sqlite).ListAsync(user, p, includeResolved: false, Ct))!);
    }
}
