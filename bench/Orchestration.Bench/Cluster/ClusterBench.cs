using System.Data.Common;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using Orchestration.TestSupport.Cluster;
using Orchestration.TestSupport.Postgres;

namespace Orchestration.Bench.Cluster;

/// <summary>
/// Several `orch serve` processes on one PostgreSQL database (a throwaway server, as the tests start one; or the
/// server named by ORCH_TEST_POSTGRES), each figure from a fresh database and fresh nodes, all on this machine:
/// <list type="bullet">
/// <item>tasks/s on 1, 2 and 3 nodes with a realistic model latency (--latency-ms, 200) and a fixed
/// max_concurrent_tasks per node (--per-node, 4), over --tasks independent tasks (300);</item>
/// <item>tasks/s with no model latency (--fast-tasks, 1000) on PostgreSQL with 1 and 3 nodes, next to SQLite on one;</item>
/// <item>takeover: a node killed while it runs tasks; seconds until the first and the last of them are requeued, and
/// until the first runs again on another node (lease --lease, 5 s).</item>
/// </list>
/// Throughput is tasks over the time from the first task_start to project_complete, as the events table records it.
/// Options: --only scale,fast,takeover.
/// </summary>
public static class ClusterBench
{
    public static async Task<IReadOnlyList<BenchResult>> RunAsync(BenchArgs args)
    {
        var only = (args.Get("only") ?? "scale,fast,takeover").Split(',', StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        if (only.Except(["scale", "fast", "takeover"]).FirstOrDefault() is { } unknown)
        {
            throw new ArgumentException($"--only takes scale, fast or takeover, not '{unknown}'.");
        }
        var results = new List<BenchResult>();
        var server = new PostgresServer();
        try
        {
            if (only.Contains("scale"))
            {
                var (latency, perNode, tasks) = (args.GetInt("latency-ms", 200), args.GetInt("per-node", 4), args.GetInt("tasks", 300));
                double? one = null;
                foreach (var nodes in new[] { 1, 2, 3 })
                {
                    var rate = await ThroughputAsync(server, nodes, tasks, latency, perNode);
                    one ??= rate;
                    results.Add(new BenchResult($"postgres.{nodes}_node{(nodes > 1 ? "s" : "")}.{latency}ms.tasks_per_s", Math.Round(rate, 1), "tasks/s"));
                    if (nodes > 1)
                    {
                        results.Add(new BenchResult($"postgres.{nodes}_nodes.speedup", Math.Round(rate / one.Value, 2), "x (target for 3: >= 2.5)"));
                    }
                }
            }
            if (only.Contains("fast"))
            {
                var tasks = args.GetInt("fast-tasks", 1000);
                results.Add(new BenchResult("sqlite.1_node.0ms.tasks_per_s", Math.Round(await ThroughputAsync(null, 1, tasks, 0, 8), 1), "tasks/s"));
                foreach (var nodes in new[] { 1, 3 })
                {
                    var rate = await ThroughputAsync(server, nodes, tasks, 0, 8);
                    results.Add(new BenchResult($"postgres.{nodes}_node{(nodes > 1 ? "s" : "")}.0ms.tasks_per_s", Math.Round(rate, 1), "tasks/s"));
                }
            }
            if (only.Contains("takeover"))
            {
                var lease = args.GetInt("lease", 5);
                var (first, all, restarted) = await TakeoverAsync(server, lease);
                results.Add(new BenchResult("takeover.first_requeued_s", Math.Round(first, 2), $"s after the kill (lease {lease} s)"));
                results.Add(new BenchResult("takeover.all_requeued_s", Math.Round(all, 2), $"s after the kill (lease {lease} s)"));
                results.Add(new BenchResult("takeover.first_restarted_s", Math.Round(restarted, 2), $"s after the kill (lease {lease} s)"));
            }
        }
        finally
        {
            await server.DisposeAsync();
        }
        return results;
    }

    private static JsonObject Settings(int latencyMs, int perNode, int lease) => JsonNode.Parse($$"""
        { "simulated": { "latency_ms": {{latencyMs}}, "latency_jitter_ms": 0 },
          "execution": { "max_concurrent_tasks": {{perNode}}, "stale_task_threshold_seconds": {{lease}} } }
        """)!.AsObject();

    /// <summary>Runs <paramref name="tasks"/> independent tasks on <paramref name="nodes"/> nodes (null server: SQLite).</summary>
    private static async Task<double> ThroughputAsync(PostgresServer? server, int nodes, int tasks, int latencyMs, int perNode)
    {
        await using var database = server is null ? null : await server.CreateDatabaseAsync(CancellationToken.None);
        await using var cluster = await OrchCluster.StartAsync(database?.ConnectionString, nodes, Settings(latencyMs, perNode, 30), CancellationToken.None);
        var http = await SignInAsync(cluster);
        await using var db = await OpenAsync(cluster, database);
        var project = await CreateProjectAsync(http[0], db, tasks, width: tasks);
        await (await http[^1].PostAsync($"/api/projects/{project}/execute", null)).EnsureOk();
        await WaitForStatusAsync(http[0], project, "completed", TimeSpan.FromMinutes(15));
        var (start, end) = await db.QuerySingleAsync<(double, double)>(
            """
            SELECT (SELECT MIN(created_at) FROM events WHERE project_id = @project AND type = 'task_start'),
                   (SELECT MAX(created_at) FROM events WHERE project_id = @project AND type = 'project_complete')
            """, new { project });
        return tasks / (end - start);
    }

    private static async Task<(double First, double All, double Restarted)> TakeoverAsync(PostgresServer server, int lease)
    {
        await using var database = await server.CreateDatabaseAsync(CancellationToken.None);
        await using var cluster = await OrchCluster.StartAsync(database.ConnectionString, 3, Settings(1500, 4, lease), CancellationToken.None);
        var http = await SignInAsync(cluster);
        await using var db = await OpenAsync(cluster, database);
        var project = await CreateProjectAsync(http[0], db, 60, width: 60);
        await (await http[0].PostAsync($"/api/projects/{project}/execute", null)).EnsureOk();
        var victim = cluster.Nodes[2];
        var victimId = await db.ExecuteScalarAsync<string>("SELECT id FROM cluster_nodes WHERE address LIKE @suffix", new { suffix = $"% pid {victim.ProcessId}" });
        List<string> held;
        var waited = Stopwatch.StartNew();
        do
        {
            await Task.Delay(20);
            held = (await db.QueryAsync<string>("SELECT id FROM tasks WHERE project_id = @project AND status = 'running' AND lease_owner = @victimId",
                new { project, victimId })).AsList();
        }
        while (held.Count == 0 && waited.Elapsed < TimeSpan.FromMinutes(1));
        await victim.KillAsync();
        var killedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
        await WaitForStatusAsync(http[0], project, "completed", TimeSpan.FromMinutes(5));
        // The victim's tasks back in the queue (their task_interrupted), and the first of them running on another node
        // (when the others have a free slot: they are busy with their own tasks).
        var (first, all) = await db.QuerySingleAsync<(double, double)>(
            "SELECT MIN(created_at), MAX(created_at) FROM events WHERE project_id = @project AND type = 'task_interrupted' AND created_at >= @killedAt",
            new { project, killedAt });
        var restarted = await db.ExecuteScalarAsync<double>(
            "SELECT MIN(created_at) FROM events WHERE project_id = @project AND type = 'task_start' AND created_at >= @killedAt AND task_id = ANY(@held)",
            new { project, killedAt, held = held.ToArray() });
        return (first - killedAt, all - killedAt, restarted - killedAt);
    }

    private static async Task<HttpClient[]> SignInAsync(OrchCluster cluster)
    {
        var clients = cluster.Nodes.Select(n => new HttpClient { BaseAddress = n.Address, Timeout = TimeSpan.FromMinutes(2) }).ToArray();
        var credentials = new { email = "bench@example.com", password = "correct-horse-battery", display_name = "" };
        await (await clients[0].PostAsJsonAsync("/api/auth/register", credentials)).EnsureOk();
        var login = JsonDocument.Parse(await (await clients[0].PostAsJsonAsync("/api/auth/login", credentials)).EnsureOk()).RootElement;
        foreach (var client in clients)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.GetProperty("access_token").GetString());
        }
        return clients;
    }

    private static async Task<DbConnection> OpenAsync(OrchCluster cluster, PostgresTestDatabase? database)
    {
        DbConnection c = database is null
            ? new SqliteConnection($"Data Source={Path.Combine(cluster.DataDir(0), "orchestration.db")};Pooling=false;Default Timeout=60")
            : new NpgsqlConnection(database.ConnectionString);
        await c.OpenAsync();
        return c;
    }

    private static async Task<string> CreateProjectAsync(HttpClient http, DbConnection db, int tasks, int width)
    {
        var created = JsonDocument.Parse(await (await http.PostAsJsonAsync("/api/projects", new { name = "bench", requirements = "Write the tool in parts." })).EnsureOk());
        var project = created.RootElement.GetProperty("id").GetString()!;
        await GraphSeed.LayersAsync(db, project, tasks, width, CancellationToken.None);
        return project;
    }

    private static async Task WaitForStatusAsync(HttpClient http, string project, string status, TimeSpan within)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var current = JsonDocument.Parse(await (await http.GetAsync($"/api/projects/{project}")).EnsureOk()).RootElement.GetProperty("status").GetString();
            if (current == status)
            {
                return;
            }
            if (current is "failed" or "cancelled" || deadline.Elapsed > within)
            {
                throw new InvalidOperationException($"The project is {current}, not {status}.");
            }
            await Task.Delay(100);
        }
    }

    private static async Task<string> EnsureOk(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{(int)response.StatusCode}: {body}");
        }
        return body;
    }
}
