using System.Data.Common;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using Orchestration.TestSupport.Cluster;

namespace Orchestration.TestSupport.Chaos;

/// <summary>
/// Crash trials: each trial starts projects that take every path (verification gaps and retries, provider failures, a
/// person's review, a checkpoint, a budget hold), kills the server with SIGKILL at a random moment, restarts it on the
/// same data, drives the projects to the end as a person would (approve the review, skip at the checkpoint, raise the
/// cap, retry a failed task), and checks every project on record: every task completed (exactly one task_complete, or
/// skipped at a checkpoint), a gapless event order, no task left running, no reservation left open, the ledger equal to
/// the usage rows. The same data directory (or PostgreSQL database) carries over from trial to trial.
/// </summary>
public sealed class ChaosTrials(ChaosOptions options, TextWriter log)
{
    private const string Password = "correct-horse-battery";
    private readonly Random _random = new(options.Seed);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "orch-chaos", Guid.NewGuid().ToString("N"));
    private string? _token;
    private IReadOnlyDictionary<string, long> _paths = new Dictionary<string, long>();

    /// <summary>The event types that show which paths the trials took (interruptions, retries, reviews, holds).</summary>
    public static readonly string[] PathEvents =
        ["task_interrupted", "task_retry", "task_verification_retry", "task_needs_review", "checkpoint", "checkpoint_resolved", "budget_warning"];

    public async Task<ChaosReport> RunAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_directory);
        var config = Path.Combine(_directory, "config.json");
        await File.WriteAllTextAsync(config, Config().ToJsonString(), cancellationToken);
        var violations = new List<string>();
        var trials = 0;
        try
        {
            for (var trial = 1; trial <= options.Trials && violations.Count == 0; trial++)
            {
                try
                {
                    violations.AddRange(await TrialAsync(trial, config, cancellationToken));
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // A server that stopped answering, or a run that never ended, is a finding too.
                    violations.Add($"trial {trial} could not be completed: {ex.GetType().Name}: {ex.Message}");
                }
                trials = trial;
            }
        }
        finally
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS to clean.
            }
        }
        return new ChaosReport(trials, violations, _paths);
    }

    private JsonObject Config()
    {
        var settings = JsonNode.Parse("""
            { "server": { "rate_limit": "1000000/minute" },
              "auth": { "secret_key": "chaos-trial-secret-0123456789abcdef0123456789" },
              "budget": { "daily_limit_usd": 10000, "monthly_limit_usd": 100000 },
              "simulated": { "latency_ms": 120, "latency_jitter_ms": 80, "failure_rate": 0.05 },
              "execution": { "max_concurrent_tasks": 3, "stale_task_threshold_seconds": 3, "retry_backoff_base_sec": 0.2,
                             "retry_backoff_max_sec": 1, "shutdown_grace_seconds": 1 } }
            """)!.AsObject();
        settings["simulated"]!["seed"] = options.Seed;
        if (options.PostgresConnectionString is { } connectionString)
        {
            settings["database"] = new JsonObject { ["provider"] = "postgres", ["connection_string"] = connectionString };
        }
        return settings;
    }

    private async Task<IReadOnlyList<string>> TrialAsync(int trial, string config, CancellationToken cancellationToken)
    {
        var dataDir = Path.Combine(_directory, "data");
        List<string> projects;
        await using (var server = await OrchNode.StartAsync(config, dataDir, cancellationToken))
        {
            using var http = await ClientAsync(server);
            projects = [];
            foreach (var (name, requirements, budget) in Projects(trial))
            {
                projects.Add(await StartProjectAsync(http, name, requirements, budget, cancellationToken));
            }
            // Pull the plug at a random moment of the runs.
            await Task.Delay(TimeSpan.FromMilliseconds(_random.Next(200, options.MaxKillDelayMs)), cancellationToken);
            await server.KillAsync();
        }
        log.WriteLine($"trial {trial}: killed; restarting");
        await using (var server = await OrchNode.StartAsync(config, dataDir, cancellationToken))
        {
            using var http = await ClientAsync(server);
            foreach (var project in projects)
            {
                await DriveToEndAsync(http, project, cancellationToken);
            }
        }
        var violations = await CheckAsync(dataDir, cancellationToken);
        log.WriteLine($"trial {trial}: {projects.Count} projects, {(violations.Count == 0 ? "no violation" : violations[0])}; so far "
            + string.Join(", ", PathEvents.Select(type => $"{type} {_paths.GetValueOrDefault(type)}")));
        return violations;
    }

    /// <summary>Three projects: retries and verification gaps; a person's review and a checkpoint; a budget hold.</summary>
    private static IEnumerable<(string Name, string Requirements, double? BudgetUsd)> Projects(int trial)
    {
        yield return ($"retries {trial}", string.Join("\n\n",
            "[R1] Write the parser module. [sim:gaps]",
            "[R2] Write the formatter module. [sim:fail-once]",
            "[R3] Write the command line entry point.",
            "[R4] Write the tests of the parser. [sim:gaps]",
            "[R5] Write the README."), null);
        yield return ($"people {trial}", string.Join("\n\n",
            "[R1] Write the data model.",
            "[R2] Write the report page. [sim:human]",
            "[R3] Write the export module. [sim:gaps-always]",
            "[R4] Write the changelog."), null);
        yield return ($"budget {trial}", string.Join("\n\n",
            "[R1] Write the importer.",
            "[R2] Write the validator.",
            "[R3] Write the summary."), 0.000001);
    }

    private async Task<HttpClient> ClientAsync(OrchNode server)
    {
        var http = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(2) };
        if (_token is null)
        {
            var credentials = new { email = "chaos@example.com", password = Password, display_name = "" };
            await Ok(await http.PostAsJsonAsync("/api/auth/register", credentials));
            _token = (await Ok(await http.PostAsJsonAsync("/api/auth/login", credentials))).GetProperty("access_token").GetString();
        }
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        return http;
    }

    private static async Task<string> StartProjectAsync(HttpClient http, string name, string requirements, double? budgetUsd, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["name"] = name, ["requirements"] = requirements, ["planning_rigor"] = "L1" };
        var project = (await Ok(await http.PostAsJsonAsync("/api/projects", body, cancellationToken))).GetProperty("id").GetString()!;
        var plan = await Ok(await http.PostAsync($"/api/projects/{project}/plan", null, cancellationToken));
        await Ok(await http.PostAsync($"/api/projects/{project}/plans/{plan.GetProperty("plan_id").GetString()}/approve", null, cancellationToken));
        if (budgetUsd is { } usd)
        {
            // Below what planning spent: the run's paid calls are held until the owner raises the cap.
            await Ok(await http.PatchAsJsonAsync($"/api/projects/{project}",
                new { config = new { budget = new { per_project_limit_usd = usd } } }, cancellationToken));
        }
        await Ok(await http.PostAsync($"/api/projects/{project}/execute", null, cancellationToken));
        return project;
    }

    /// <summary>Acts as the project's owner until it completes: approves reviews, skips at checkpoints, raises a cap that
    /// paused it, retries failed tasks, and executes it again whenever it stopped short.</summary>
    private async Task DriveToEndAsync(HttpClient http, string project, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + options.ProjectTimeout;
        while (true)
        {
            var status = (await Ok(await http.GetAsync($"/api/projects/{project}", cancellationToken))).GetProperty("status").GetString();
            if (status == "completed")
            {
                return;
            }
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"Project {project} is still {status} after {options.ProjectTimeout.TotalSeconds:0} s.");
            }
            foreach (var checkpoint in (await Ok(await http.GetAsync($"/api/checkpoints/project/{project}", cancellationToken))).EnumerateArray()
                         .Where(c => c.TryGetProperty("resolved_at", out var resolved) && resolved.ValueKind == JsonValueKind.Null))
            {
                await http.PostAsJsonAsync($"/api/checkpoints/{checkpoint.GetProperty("id").GetString()}/resolve", new { action = "skip" }, cancellationToken);
            }
            foreach (var task in (await Ok(await http.GetAsync($"/api/tasks/project/{project}", cancellationToken))).EnumerateArray())
            {
                var id = task.GetProperty("id").GetString();
                switch (task.GetProperty("status").GetString())
                {
                    case "needs_review":
                        await http.PostAsJsonAsync($"/api/tasks/{id}/review", new { action = "approve" }, cancellationToken);
                        break;
                    case "failed":
                        await http.PostAsync($"/api/tasks/{id}/retry", null, cancellationToken);
                        break;
                }
            }
            if (status is "paused" or "failed" or "ready")
            {
                await http.PatchAsJsonAsync($"/api/projects/{project}",
                    new { config = new { budget = new { per_project_limit_usd = 100 } } }, cancellationToken);
                await http.PostAsync($"/api/projects/{project}/execute", null, cancellationToken);
            }
            await Task.Delay(250, cancellationToken);
        }
    }

    private async Task<List<string>> CheckAsync(string dataDir, CancellationToken cancellationToken)
    {
        await using DbConnection db = options.PostgresConnectionString is { } connectionString
            ? new NpgsqlConnection(connectionString)
            : new SqliteConnection($"Data Source={Path.Combine(dataDir, "orchestration.db")};Pooling=false");
        await db.OpenAsync(cancellationToken);
        var violations = new List<string>();
        void Expect(bool holds, string violation)
        {
            if (!holds)
            {
                violations.Add(violation);
            }
        }
        var tasks = (await db.QueryAsync<(string Id, string ProjectId, string Status, bool Skipped)>(
            "SELECT id, project_id, status, skipped FROM tasks WHERE plan_id IN (SELECT id FROM plans WHERE status = 'approved')")).ToList();
        var completions = (await db.QueryAsync<(string TaskId, long Count)>(
            "SELECT task_id, COUNT(*) FROM events WHERE type = 'task_complete' AND task_id IS NOT NULL GROUP BY task_id"))
            .ToDictionary(c => c.TaskId, c => c.Count);
        foreach (var task in tasks)
        {
            Expect(task.Status == "completed", $"task {task.Id} of project {task.ProjectId} ended {task.Status}, not completed");
            var count = completions.GetValueOrDefault(task.Id);
            Expect(task.Skipped ? count == 0 : count == 1,
                $"task {task.Id} of project {task.ProjectId} has {count} task_complete events ({(task.Skipped ? "skipped at a checkpoint" : "expected 1")})");
        }
        foreach (var (projectId, count, max) in await db.QueryAsync<(string, long, long)>("SELECT project_id, COUNT(*), MAX(seq) FROM events GROUP BY project_id"))
        {
            Expect(count == max, $"project {projectId} has {count} events numbered up to {max}: the order has a gap or a repeat");
        }
        Expect(await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM tasks WHERE status = 'running'") == 0, "a task is left running");
        Expect(await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM budget_reservations") == 0, "a budget reservation is left open");
        var usage = await db.ExecuteScalarAsync<long>("SELECT COALESCE(SUM(cost_nanos), 0) FROM usage_records");
        var day = await db.ExecuteScalarAsync<long>("SELECT COALESCE(SUM(spent_nanos), 0) FROM budget_totals WHERE scope = 'day'");
        Expect(usage == day, $"the ledger's days hold {day} nano-dollars, the usage rows {usage}");
        foreach (var (projectId, spent, recorded) in await db.QueryAsync<(string, long, long)>(
                     """
                     SELECT t.period, t.spent_nanos, COALESCE((SELECT SUM(u.cost_nanos) FROM usage_records u WHERE u.project_id = t.period), 0)
                     FROM budget_totals t WHERE t.scope = 'project'
                     """))
        {
            Expect(spent == recorded, $"project {projectId}: the ledger holds {spent} nano-dollars, its usage rows {recorded}");
        }
        _paths = (await db.QueryAsync<(string Type, long Count)>("SELECT type, COUNT(*) FROM events GROUP BY type"))
            .Where(p => PathEvents.Contains(p.Type)).ToDictionary(p => p.Type, p => p.Count);
        return violations;
    }

    private static async Task<JsonElement> Ok(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}: {(int)response.StatusCode} {body}");
        }
        return JsonDocument.Parse(body.Length == 0 ? "{}" : body).RootElement.Clone();
    }
}

/// <param name="PostgresConnectionString">The PostgreSQL database to run on; null for SQLite in the data directory.</param>
public sealed record ChaosOptions(int Trials, int Seed, string? PostgresConnectionString = null, int MaxKillDelayMs = 4000)
{
    public TimeSpan ProjectTimeout { get; init; } = TimeSpan.FromMinutes(3);
}

/// <summary>How many trials ran, and the violations of the first trial that had any.</summary>
public sealed record ChaosReport(int Trials, IReadOnlyList<string> Violations, IReadOnlyDictionary<string, long> Paths)
{
    public string Summary => new StringBuilder($"trials: {Trials}, violations: {Violations.Count}")
        .Append(Violations.Count > 0 ? $"\nfirst violation: {Violations[0]}" : "").ToString();
}
