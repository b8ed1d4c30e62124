using System.Net;
using System.Text.Json;
using Dapper;
using Orchestration.Core.Domain;
using Orchestration.Server.Tests.Execution;
using Orchestration.Server.Tests.Infrastructure;
using Orchestration.Server.Tests.Notifications;

namespace Orchestration.Server.Tests.Spend;

/// <summary>The cost report of a run on the real host: a run executed on the simulated provider, and two runs whose
/// usage is written straight to the database so that every figure is known.</summary>
public sealed class CostReportApiTests
{
    private const string Haiku = "claude-haiku-4-5-20251001";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_finished_run_is_priced_on_sonnet_and_haiku_with_its_own_tasks_driving_the_difference()
    {
        await using var app = await OrchestrationApp.StartAsync();
        var client = await app.CreateClientForNewUserAsync();
        var project = await NotificationRuns.RunAsync(app, client, "project_complete", [], [0], [0]);

        var report = await (await client.GetAsync($"/api/projects/{project}/runs/latest/cost-report", Ct)).ReadJsonAsync();

        await using var c = await app.OpenDatabaseAsync(Ct);
        var spent = await c.ExecuteScalarAsync<long>("SELECT COALESCE(SUM(cost_nanos), 0) FROM usage_records WHERE project_id = @project", new { project });
        Assert.Equal(1, report.GetProperty("run").GetInt64());
        Assert.Equal(Money.ToJson(spent), report.GetProperty("actual_usd").GetDouble(), 9);
        Assert.True(spent > 0);
        Assert.Equal(report.GetProperty("actual_usd").GetDouble(),
            report.GetProperty("repriced_usd").GetDouble() + report.GetProperty("fixed_usd").GetDouble(), 9);
        var (sonnet, haiku) = (Scenario(report, "all_sonnet"), Scenario(report, "all_haiku"));
        // The seeded tasks ran on haiku: pricing them on haiku again changes nothing, on sonnet it triples their calls.
        Assert.Equal(report.GetProperty("actual_usd").GetDouble(), haiku.GetProperty("total_usd").GetDouble(), 9);
        Assert.Equal(report.GetProperty("fixed_usd").GetDouble() + 3 * report.GetProperty("repriced_usd").GetDouble(),
            sonnet.GetProperty("total_usd").GetDouble(), 6);
        Assert.True(sonnet.GetProperty("saving_pct").GetDouble() > 0);
        Assert.Equal(3, sonnet.GetProperty("drivers").GetArrayLength());
        Assert.All(sonnet.GetProperty("drivers").EnumerateArray(), d =>
            Assert.Equal(("haiku", "sonnet"), (d.GetProperty("tier").GetString(), d.GetProperty("scenario_tier").GetString())));
        Assert.Contains("observed", report.GetProperty("note").GetString());
        Assert.DoesNotContain("routing", report.GetProperty("scenarios").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Each_run_is_priced_on_its_own_calls_with_failed_attempts_and_cache_reads()
    {
        await using var app = await OrchestrationApp.StartAsync();
        var alice = await app.CreateUserAsync();
        var (project, tasks) = await TwoRunsAsync(app, alice);

        var first = await (await alice.Client.GetAsync($"/api/projects/{project}/runs/1/cost-report", Ct)).ReadJsonAsync();
        Assert.Equal((1.01, 2, 1), (first.GetProperty("actual_usd").GetDouble(), first.GetProperty("calls").GetInt32(),
            first.GetProperty("repriced_calls").GetInt32()));
        Assert.Equal(3.01, Scenario(first, "all_sonnet").GetProperty("total_usd").GetDouble(), 9);
        Assert.Equal(2.0, Scenario(first, "all_sonnet").GetProperty("saving_usd").GetDouble(), 9);
        Assert.Equal(66.45, Scenario(first, "all_sonnet").GetProperty("saving_pct").GetDouble(), 1);

        var latest = await (await alice.Client.GetAsync($"/api/projects/{project}/runs/latest/cost-report", Ct)).ReadJsonAsync();
        Assert.Equal((2, 0.75), (latest.GetProperty("run").GetInt64(), latest.GetProperty("actual_usd").GetDouble()));
        // 500k input and 200k of the failed attempt at $3/M, 500k cache reads at $0.30/M.
        Assert.Equal(2.25, Scenario(latest, "all_sonnet").GetProperty("total_usd").GetDouble(), 9);
        var driver = Assert.Single(Scenario(latest, "all_sonnet").GetProperty("drivers").EnumerateArray());
        Assert.Equal((tasks[1], "t1", 2), (driver.GetProperty("task_id").GetString(), driver.GetProperty("title").GetString(),
            driver.GetProperty("calls").GetInt32()));
        var cache = latest.GetProperty("cache");
        Assert.Equal((1_200_000, 500_000), (cache.GetProperty("prompt_tokens").GetInt64(), cache.GetProperty("cache_read_tokens").GetInt64()));
        Assert.Equal(0.4167, cache.GetProperty("cache_read_share").GetDouble(), 4);

        var routed = await (await alice.Client.PostJsonAsync($"/api/projects/{project}/runs/2/cost-report",
            new { table = new { code = new { medium = "ollama" } }, default_tier = "sonnet" })).ReadJsonAsync();
        // Everything on the local tier: free, and no percentage of nothing.
        var local = Scenario(routed, "routing");
        Assert.Equal((0.0, -0.75, JsonValueKind.Null), (local.GetProperty("total_usd").GetDouble(), local.GetProperty("saving_usd").GetDouble(),
            local.GetProperty("saving_pct").ValueKind));
        var query = Uri.EscapeDataString("""{"table": {"code": {"medium": "sonnet"}}}""");
        var viaQuery = await (await alice.Client.GetAsync($"/api/projects/{project}/runs/2/cost-report?routing={query}", Ct)).ReadJsonAsync();
        Assert.Equal(2.25, Scenario(viaQuery, "routing").GetProperty("total_usd").GetDouble(), 9);
    }

    [Fact]
    public async Task Another_users_run_a_missing_run_and_bad_input_are_problems()
    {
        await using var app = await OrchestrationApp.StartAsync();
        var admin = await app.CreateUserAsync();
        var alice = await app.CreateUserAsync();
        var (project, _) = await TwoRunsAsync(app, alice);
        var (fresh, _) = await ExecutionSeed.ReadyProjectAsync(app, alice.Client, []);
        var url = $"/api/projects/{project}/runs";

        await (await admin.Client.GetAsync($"{url}/1/cost-report", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await alice.Client.GetAsync($"{url}/3/cost-report", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await alice.Client.GetAsync($"/api/projects/{fresh}/runs/latest/cost-report", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await alice.Client.GetAsync("/api/projects/nope/runs/latest/cost-report", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);

        var badRun = await (await alice.Client.GetAsync($"{url}/0/cost-report", Ct)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("latest", badRun.GetProperty("errors").GetProperty("run")[0].GetString());
        var badTier = await (await alice.Client.PostJsonAsync($"{url}/1/cost-report", new { table = new { code = new { simple = "gpt" } } }))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("sonnet", badTier.GetProperty("errors").GetProperty("table.code.simple")[0].GetString());
        var badJson = await (await alice.Client.GetAsync($"{url}/1/cost-report?routing=%7Bnot-json", Ct))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.True(badJson.GetProperty("errors").TryGetProperty("routing", out _));
    }

    [Fact]
    public async Task An_administrator_prices_everyones_calls_over_a_period_and_a_user_may_not()
    {
        await using var app = await OrchestrationApp.StartAsync();
        var admin = await app.CreateUserAsync();
        var alice = await app.CreateUserAsync();
        await TwoRunsAsync(app, alice);

        var period = await (await admin.Client.GetAsync("/api/admin/cost-report?from=1970-01-01&to=1970-01-01", Ct)).ReadJsonAsync();
        Assert.Equal((1.76, 4), (period.GetProperty("actual_usd").GetDouble(), period.GetProperty("calls").GetInt32()));
        Assert.Equal(("1970-01-01", "1970-01-01"), (period.GetProperty("from").GetString(), period.GetProperty("to").GetString()));
        Assert.Equal(5.26, Scenario(period, "all_sonnet").GetProperty("total_usd").GetDouble(), 9);
        var empty = await (await admin.Client.GetAsync("/api/admin/cost-report?from=1970-01-02&to=1970-01-31", Ct)).ReadJsonAsync();
        Assert.Equal(0, empty.GetProperty("calls").GetInt32());

        Assert.Equal(HttpStatusCode.Forbidden, (await alice.Client.GetAsync("/api/admin/cost-report", Ct)).StatusCode);
        var backwards = await (await admin.Client.GetAsync("/api/admin/cost-report?from=2026-02-01&to=2026-01-01", Ct))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.True(backwards.GetProperty("errors").TryGetProperty("from", out _));
    }

    private static JsonElement Scenario(JsonElement report, string name) =>
        report.GetProperty("scenarios").EnumerateArray().Single(s => s.GetProperty("name").GetString() == name);

    /// <summary>
    /// A project of two haiku code tasks and two runs, on 1 January 1970: a planning call before run 1 (left out);
    /// run 1 (from t=1000): task 0's $1 execution call and a $0.01 verification; run 2 (from t=2000): task 1's call with
    /// 500k of its 1M prompt read from the cache ($0.55) and a failed attempt of 200k ($0.20).
    /// </summary>
    private static async Task<(string Project, string[] Tasks)> TwoRunsAsync(OrchestrationApp app, TestUser user)
    {
        var (project, tasks) = await ExecutionSeed.ReadyProjectAsync(app, user.Client, [], []);
        await using var c = await app.OpenDatabaseAsync(Ct);
        foreach (var (seq, run, at) in new[] { (1001L, 1L, 1000.0), (1002L, 2L, 2000.0) })
        {
            await c.ExecuteAsync(
                "INSERT INTO events (project_id, seq, run, type, message, data_json, created_at) VALUES (@project, @seq, @run, 'project_start', 'started', '{}', @at)",
                new { project, seq, run, at });
        }
        var rows = new (double At, string? Task, string Purpose, long Prompt, long CacheRead, long Cost, string Outcome)[]
        {
            (500.0, null, "planning", 100_000L, 0L, 300_000_000L, "ok"),
            (1500.0, tasks[0], "execution", 1_000_000L, 0L, 1_000_000_000L, "ok"),
            (1600.0, tasks[0], "verification", 10_000L, 0L, 10_000_000L, "ok"),
            (2500.0, tasks[1], "execution", 1_000_000L, 500_000L, 550_000_000L, "ok"),
            (2600.0, tasks[1], "execution", 200_000L, 0L, 200_000_000L, "error"),
        };
        foreach (var r in rows)
        {
            await c.ExecuteAsync(
                """
                INSERT INTO usage_records (id, created_at, user_id, project_id, project_name, task_id, purpose, provider, model,
                    prompt_tokens, completion_tokens, cache_write_tokens, cache_read_tokens, cost_nanos, latency_ms, outcome)
                VALUES (@id, @At, @userId, @project, 'demo', @Task, @Purpose, 'anthropic', @model, @Prompt, 0, 0, @CacheRead, @Cost, 10, @Outcome)
                """, new { id = Ids.New(), r.At, userId = user.Id, project, r.Task, r.Purpose, model = Haiku, r.Prompt, r.CacheRead, r.Cost, r.Outcome });
        }
        return (project, tasks);
    }
}
