using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Npgsql;
using Orchestration.Server.Tests.Events;
using Orchestration.Server.Tests.Execution;
using Orchestration.Server.Tests.Infrastructure;
using Orchestration.TestSupport.Cluster;
using Orchestration.TestSupport.Postgres;

namespace Orchestration.Server.Tests.Cluster;

/// <summary>Several `orch serve` processes on one PostgreSQL database share one run: each task completes once, the
/// ledger balances, every SSE subscriber on every node sees every event once and in order, and a node killed mid-run
/// has its tasks taken over. Run with the API tests on PostgreSQL (ORCH_TEST_BACKEND=postgres).</summary>
public sealed class ClusterTests : IAsyncDisposable
{
    private const double LeaseSeconds = 3;

    // The model call of the stop test, and how long the other nodes get to hear of a cancel (a loaded machine delays the
    // notice by hundreds of milliseconds).
    private const int CallMs = 5000;
    private const double HearingAllowanceSeconds = 2;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private PostgresTestDatabase? _database;
    private OrchCluster? _cluster;

    [Fact]
    public async Task Three_nodes_run_a_thousand_tasks_each_once_and_every_subscriber_sees_every_event_in_order()
    {
        var cluster = await StartAsync(3, latencyMs: 20, maxConcurrent: 8);
        var http = await ClientsAsync(cluster);
        var project = await CreateProjectAsync(http[0], "thousand");
        await using var seed = await OpenAsync();
        var tasks = await GraphSeed.LayersAsync(seed, project, count: 1000, width: 100, Ct);
        // One stream token, issued by the first node, good on every node (they share the key ring).
        var token = await ExecutionSeed.StreamTokenAsync(http[0], project);
        var streams = await Task.WhenAll(http.Select(h => OpenStreamAsync(h, project, token)));
        try
        {
            await (await http[1].PostAsync($"/api/projects/{project}/execute", null, Ct)).ReadJsonAsync();
            await Task.WhenAll(streams.Select(s => s.ReadUntilAsync(text => text.Contains("event: project_complete", StringComparison.Ordinal), TimeSpan.FromMinutes(8))));

            await using var db = await OpenAsync();
            var last = await db.ExecuteScalarAsync<long>("SELECT seq FROM events WHERE project_id = @project AND type = 'project_complete'", new { project });
            foreach (var stream in streams)
            {
                Assert.Equal(Enumerable.Range(1, (int)last).Select(i => (long)i), RawEventStream.Ids(stream.Events()).TakeWhile(seq => seq <= last));
            }
            var completions = (await db.QueryAsync<(string TaskId, long Count)>(
                "SELECT task_id, COUNT(*) FROM events WHERE project_id = @project AND type = 'task_complete' GROUP BY task_id", new { project })).ToList();
            Assert.Equal(tasks.Order(), completions.Select(c => c.TaskId).Order());
            Assert.All(completions, c => Assert.Equal(1, c.Count));
            Assert.Equal(1000, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM tasks WHERE project_id = @project AND status = 'completed'", new { project }));
            await AssertLedgerBalancesAsync(db, project);
            // The work was shared: every node started some of the tasks.
            var startsByNode = await StartsByNodeAsync(db, project);
            Assert.Equal(3, startsByNode.Count);
            Assert.All(startsByNode, n => Assert.True(n.Value >= 50, $"node {n.Key} ran {n.Value} of 1000 tasks"));
        }
        finally
        {
            foreach (var stream in streams)
            {
                await stream.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_node_killed_mid_run_has_its_tasks_taken_over_within_the_lease_and_the_run_completes()
    {
        var cluster = await StartAsync(3, latencyMs: 600, maxConcurrent: 4);
        var http = await ClientsAsync(cluster);
        var project = await CreateProjectAsync(http[0], "takeover");
        await using var db = await OpenAsync();
        var tasks = await GraphSeed.LayersAsync(db, project, count: 60, width: 20, Ct);
        await using var stream = await OpenStreamAsync(http[0], project);
        await (await http[0].PostAsync($"/api/projects/{project}/execute", null, Ct)).ReadJsonAsync();

        // Wait until the third node holds running tasks, then pull its plug.
        var victim = cluster.Nodes[2];
        var victimId = await NodeIdAsync(db, victim);
        var held = await WaitForAsync(async () =>
        {
            var running = (await db.QueryAsync<string>(
                "SELECT id FROM tasks WHERE project_id = @project AND status = 'running' AND lease_owner = @victimId", new { project, victimId })).ToList();
            return running.Count > 0 ? running : null;
        }, TimeSpan.FromSeconds(60));
        await victim.KillAsync();
        var killedAt = DateTimeOffset.UtcNow;

        await stream.ReadUntilAsync(text => text.Contains("event: project_complete", StringComparison.Ordinal), TimeSpan.FromMinutes(4));
        var events = stream.Events().ToList();
        var takenOver = events.Where(e => e.Type == "task_interrupted" && Data(e).GetProperty("reason").GetString() == "lease_expired")
            .Select(e => Data(e).GetProperty("task_id").GetString()!).ToList();
        // Interrupted for an expired lease: exactly tasks whose attempt the killed node had started.
        Assert.NotEmpty(held);
        Assert.NotEmpty(takenOver);
        foreach (var taskId in takenOver)
        {
            var interrupted = events.FindIndex(e => e.Type == "task_interrupted" && Data(e).GetProperty("task_id").GetString() == taskId);
            var start = events.Take(interrupted).Last(e => e.Type == "task_start" && Data(e).GetProperty("task_id").GetString() == taskId);
            Assert.Equal(victimId, Data(start).GetProperty("node").GetString());
        }
        var completions = events.Where(e => e.Type == "task_complete").Select(e => Data(e).GetProperty("task_id").GetString()!).ToList();
        Assert.Equal(tasks.Order(), completions.Order());
        Assert.Equal(Enumerable.Range(1, events.Count(e => e.Id is not null)).Select(i => (long)i), RawEventStream.Ids(events));
        // Taken over within the lease (plus one renewal period of the nodes that noticed it): the first interruption's
        // time is stored with its event.
        var firstTakeover = await db.ExecuteScalarAsync<double>(
            "SELECT MIN(created_at) FROM events WHERE project_id = @project AND type = 'task_interrupted'", new { project });
        Assert.InRange(firstTakeover - killedAt.ToUnixTimeMilliseconds() / 1000.0, 0, LeaseSeconds * 2 + 2);
        // Its budget holds go with it: none is left open once the run is over.
        await WaitForAsync(async () => await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM budget_reservations") == 0 ? true : (bool?)null,
            TimeSpan.FromSeconds(LeaseSeconds * 3));
        await AssertLedgerBalancesAsync(db, project);
    }

    [Fact]
    public async Task A_pause_or_cancel_on_one_node_takes_effect_on_every_node_running_the_project()
    {
        var cluster = await StartAsync(3, latencyMs: CallMs, maxConcurrent: 2);
        var http = await ClientsAsync(cluster);
        var project = await CreateProjectAsync(http[0], "stop");
        await using var db = await OpenAsync();
        await GraphSeed.LayersAsync(db, project, count: 60, width: 60, Ct);

        await (await http[0].PostAsync($"/api/projects/{project}/execute", null, Ct)).ReadJsonAsync();
        await WaitForAsync(async () => await RunningOnAsync(db, project) == 3 ? true : (bool?)null, TimeSpan.FromSeconds(60));
        await (await http[1].PostAsync($"/api/projects/{project}/pause", null, Ct)).ReadJsonAsync();
        // Attempts running when the pause committed finish; no node starts another.
        await WaitForAsync(async () => await RunningOnAsync(db, project) == 0 ? true : (bool?)null, TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(LeaseSeconds), Ct);
        var paused = await SeqOfAsync(db, project, "project_paused");
        Assert.Equal(0, await db.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM events WHERE project_id = @project AND type = 'task_start' AND seq > @paused", new { project, paused }));

        // Resumed on another node: every node takes part again.
        await (await http[2].PostAsync($"/api/projects/{project}/execute", null, Ct)).ReadJsonAsync();
        await WaitForAsync(async () => await RunningOnAsync(db, project) == 3 ? true : (bool?)null, TimeSpan.FromSeconds(60));
        // Cancelled on the first: the attempts on all three stop at once. Their model calls are cut short and record no
        // usage. A call that ran on would record its row when it ended, up to CallMs after the cancel: the six in flight
        // end at random points of that span, so some would land after the allowance given to the other nodes to hear
        // of the cancel (a call that ends naturally within the allowance is spent money, rightly recorded).
        await (await http[0].PostAsync($"/api/projects/{project}/cancel", null, Ct)).ReadJsonAsync();
        await WaitForAsync(async () => await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM budget_reservations WHERE project_id = @project", new { project }) == 0
            ? true : (bool?)null, TimeSpan.FromSeconds(15));
        await Task.Delay(TimeSpan.FromSeconds(2), Ct);
        var cancelled = await SeqOfAsync(db, project, "project_cancelled");
        var cancelledAt = await db.ExecuteScalarAsync<double>("SELECT created_at FROM events WHERE project_id = @project AND seq = @cancelled", new { project, cancelled });
        Assert.Equal(0, await db.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM usage_records WHERE project_id = @project AND created_at > @late", new { project, late = cancelledAt + HearingAllowanceSeconds }));
        Assert.Equal(0, await db.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM events WHERE project_id = @project AND type IN ('task_start', 'task_complete') AND seq > @cancelled", new { project, cancelled }));
    }

    /// <summary>How many nodes hold running attempts of the project.</summary>
    private static Task<long> RunningOnAsync(NpgsqlConnection db, string project) =>
        db.ExecuteScalarAsync<long>("SELECT COUNT(DISTINCT lease_owner) FROM tasks WHERE project_id = @project AND status = 'running'", new { project });

    private static Task<long> SeqOfAsync(NpgsqlConnection db, string project, string type) =>
        db.ExecuteScalarAsync<long>("SELECT MAX(seq) FROM events WHERE project_id = @project AND type = @type", new { project, type });

    private async Task<OrchCluster> StartAsync(int nodes, int latencyMs, int maxConcurrent)
    {
        Assert.SkipUnless(TestBackend.IsPostgres, "Several nodes share a PostgreSQL database; run with ORCH_TEST_BACKEND=postgres.");
        _database = await TestBackend.CreatePostgresDatabaseAsync(Ct);
        var settings = JsonNode.Parse($$"""
            { "simulated": { "latency_ms": {{latencyMs}}, "latency_jitter_ms": 0 },
              "execution": { "max_concurrent_tasks": {{maxConcurrent}}, "stale_task_threshold_seconds": {{LeaseSeconds}} } }
            """)!.AsObject();
        _cluster = await OrchCluster.StartAsync(_database.ConnectionString, nodes, settings, Ct);
        return _cluster;
    }

    /// <summary>A client per node, all signed in as one user (registered on the first node).</summary>
    private static async Task<HttpClient[]> ClientsAsync(OrchCluster cluster)
    {
        var clients = cluster.Nodes.Select(n => new HttpClient { BaseAddress = n.Address, Timeout = TimeSpan.FromMinutes(2) }).ToArray();
        var credentials = new { email = "cluster@example.com", password = "correct-horse-battery", display_name = "" };
        (await clients[0].PostAsJsonAsync("/api/auth/register", credentials, Ct)).EnsureSuccessStatusCode();
        var login = await (await clients[1].PostAsJsonAsync("/api/auth/login", credentials, Ct)).ReadJsonAsync();
        var token = login.GetProperty("access_token").GetString()!;
        foreach (var client in clients)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return clients;
    }

    private static async Task<string> CreateProjectAsync(HttpClient http, string name) =>
        (await (await http.PostAsJsonAsync("/api/projects", new { name, requirements = "Write the tool in parts." }, Ct))
            .ReadJsonAsync(System.Net.HttpStatusCode.Created)).GetProperty("id").GetString()!;

    private static async Task<RawEventStream> OpenStreamAsync(HttpClient http, string project, string? token = null)
    {
        token ??= await ExecutionSeed.StreamTokenAsync(http, project);
        var stream = await RawEventStream.OpenAsync(http, $"/api/events/{project}?token={Uri.EscapeDataString(token)}");
        await stream.ReadUntilAsync(": connected");
        return stream;
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var c = new NpgsqlConnection(_database!.ConnectionString);
        await c.OpenAsync(Ct);
        return c;
    }

    private static async Task<string> NodeIdAsync(NpgsqlConnection db, OrchNode node) =>
        await db.ExecuteScalarAsync<string>("SELECT id FROM cluster_nodes WHERE address LIKE @suffix", new { suffix = $"% pid {node.ProcessId}" })
        ?? throw new InvalidOperationException($"Node pid {node.ProcessId} is not registered.");

    private static async Task<Dictionary<string, int>> StartsByNodeAsync(NpgsqlConnection db, string project) =>
        (await db.QueryAsync<string>("SELECT data_json FROM events WHERE project_id = @project AND type = 'task_start'", new { project }))
            .GroupBy(d => JsonDocument.Parse(d).RootElement.GetProperty("node").GetString()!)
            .ToDictionary(g => g.Key, g => g.Count());

    /// <summary>The ledger equals the usage rows to the nano-dollar, and nothing stays reserved.</summary>
    private static async Task AssertLedgerBalancesAsync(NpgsqlConnection db, string project)
    {
        var usage = await db.ExecuteScalarAsync<long>("SELECT COALESCE(SUM(cost_nanos), 0) FROM usage_records WHERE project_id = @project", new { project });
        var ledger = await db.ExecuteScalarAsync<long>("SELECT COALESCE(SUM(spent_nanos), 0) FROM budget_totals WHERE scope = 'project' AND period = @project", new { project });
        Assert.True(usage > 0, "the run spent nothing");
        Assert.Equal(usage, ledger);
        Assert.Equal(0, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM budget_reservations WHERE project_id = @project", new { project }));
    }

    private static JsonElement Data((string? Id, string Type, string Data) e) => JsonDocument.Parse(e.Data).RootElement;

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, TimeSpan within) where T : class
    {
        var deadline = DateTimeOffset.UtcNow + within;
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }
            Assert.True(DateTimeOffset.UtcNow < deadline, "timed out waiting");
            await Task.Delay(50, Ct);
        }
    }

    private static async Task WaitForAsync(Func<Task<bool?>> probe, TimeSpan within)
    {
        var deadline = DateTimeOffset.UtcNow + within;
        while (await probe() is not true)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "timed out waiting");
            await Task.Delay(100, Ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
