using System.Data.Common;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using Orchestration.Server.Tests.Events;
using Orchestration.Server.Tests.Infrastructure;
using Orchestration.TestSupport.Cluster;
using Orchestration.TestSupport.Postgres;

namespace Orchestration.Server.Tests.Execution;

/// <summary>A server killed with SIGKILL mid-run and restarted on the same database finishes the run: every task done
/// exactly once, no event lost or repeated, no budget reservation left behind.</summary>
public sealed class CrashRecoveryTests : IAsyncDisposable
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "orch-crash", Guid.NewGuid().ToString("N"));
    private PostgresTestDatabase? _postgres;

    [Fact]
    public async Task A_run_killed_mid_flight_resumes_after_restart_and_completes_each_task_exactly_once()
    {
        Directory.CreateDirectory(_dataDir);
        var config = Path.Combine(_dataDir, "config.json");
        // On PostgreSQL the restarted server is a new node: it takes the dead one's attempts over when their lease
        // (stale_task_threshold_seconds) runs out, as any other node would.
        var settings = JsonNode.Parse("""
            { "server": { "rate_limit": "100000/minute" },
              "auth": { "secret_key": "crash-test-secret-0123456789abcdef0123456789" },
              "simulated": { "latency_ms": 400, "latency_jitter_ms": 0 },
              "execution": { "max_concurrent_tasks": 2, "stale_task_threshold_seconds": 3 } }
            """)!.AsObject();
        if (TestBackend.IsPostgres)
        {
            _postgres = await TestBackend.CreatePostgresDatabaseAsync(TestContext.Current.CancellationToken);
            settings["database"] = new JsonObject { ["provider"] = "postgres", ["connection_string"] = _postgres.ConnectionString };
        }
        await File.WriteAllTextAsync(config, settings.ToJsonString(), TestContext.Current.CancellationToken);
        var requirements = string.Join("\n\n", Enumerable.Range(1, 6).Select(i => $"Write module {i} of the greeting tool with its own tests."));

        var first = await OrchNode.StartAsync(config, _dataDir, TestContext.Current.CancellationToken);
        var address = first.Address;
        string project;
        List<(string? Id, string Type, string Data)> before;
        string accessToken;
        await using (first)
        {
            using var http = new HttpClient { BaseAddress = address };
            accessToken = await RegisterAsync(http);
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
            project = (await (await http.PostAsJsonAsync("/api/projects", new { name = "crash", requirements })).ReadJsonAsync(System.Net.HttpStatusCode.Created))
                .GetProperty("id").GetString()!;
            var plan = await (await http.PostAsync($"/api/projects/{project}/plan", null)).ReadJsonAsync();
            await (await http.PostAsync($"/api/projects/{project}/plans/{plan.GetProperty("plan_id").GetString()}/approve", null)).ReadJsonAsync();
            var token = await ExecutionSeed.StreamTokenAsync(http, project);
            await using var stream = await RawEventStream.OpenAsync(http, $"/api/events/{project}?token={Uri.EscapeDataString(token)}");
            await (await http.PostAsync($"/api/projects/{project}/execute", null)).ReadJsonAsync();

            // Wait until one task is done and another is in flight, then pull the plug.
            await stream.ReadUntilAsync(_ => Running(stream.Events()).Count > 0 && stream.Events().Any(e => e.Type == "task_complete"));
            await first.KillAsync();
            before = [.. stream.Events()];
        }
        var running = Running(before);
        Assert.NotEmpty(running);
        Assert.DoesNotContain(before, e => e.Type == "project_complete");

        var second = await OrchNode.StartAsync(config, _dataDir, TestContext.Current.CancellationToken);
        var restarted = second.Address;
        await using (second)
        {
            using var http = new HttpClient { BaseAddress = restarted };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
            var token = await ExecutionSeed.StreamTokenAsync(http, project);
            await using var resumed = await RawEventStream.OpenAsync(http, $"/api/events/{project}?token={Uri.EscapeDataString(token)}", lastEventId: before.Last(e => e.Id is not null).Id);
            await resumed.ReadUntilAsync("event: project_complete");

            var all = before.Concat(resumed.Events()).ToList();
            Assert.Equal(Enumerable.Range(1, all.Count(e => e.Id is not null)).Select(i => (long)i), RawEventStream.Ids(all));
            var tasks = await (await http.GetAsync($"/api/tasks/project/{project}")).ReadJsonAsync();
            var ids = tasks.EnumerateArray().Select(t => t.GetProperty("id").GetString()!).ToList();
            Assert.All(tasks.EnumerateArray(), t => Assert.Equal("completed", t.GetProperty("status").GetString()));
            Assert.All(ids, id => Assert.Single(all, e => e.Type == "task_complete" && TaskOf(e.Data) == id));
            Assert.All(running, id => Assert.Contains(all, e => e.Type == "task_interrupted" && TaskOf(e.Data) == id));
            var budget = await (await http.GetAsync("/api/usage/budget")).ReadJsonAsync();
            Assert.Equal(0, budget.GetProperty("reserved_usd").GetDouble());
        }

        await using DbConnection db = _postgres is null
            ? new SqliteConnection($"Data Source={Path.Combine(_dataDir, "orchestration.db")};Pooling=false")
            : new NpgsqlConnection(_postgres.ConnectionString);
        await db.OpenAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM budget_reservations"));
        Assert.Equal(0, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM tasks WHERE project_id = @project AND status <> 'completed'", new { project }));
    }

    private static List<string> Running(IReadOnlyList<(string? Id, string Type, string Data)> events) =>
        events.Where(e => e.Type == "task_start").Select(e => TaskOf(e.Data))
            .Except(events.Where(e => e.Type == "task_complete").Select(e => TaskOf(e.Data))).ToList();

    private static string TaskOf(string data) => JsonDocument.Parse(data).RootElement.GetProperty("task_id").GetString()!;

    private static async Task<string> RegisterAsync(HttpClient http)
    {
        var credentials = new { email = "crash@example.com", password = "correct-horse-battery", display_name = "" };
        (await http.PostAsJsonAsync("/api/auth/register", credentials)).EnsureSuccessStatusCode();
        var login = await (await http.PostAsJsonAsync("/api/auth/login", credentials)).ReadJsonAsync();
        return login.GetProperty("access_token").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }
}
