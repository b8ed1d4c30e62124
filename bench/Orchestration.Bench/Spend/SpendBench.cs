using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.Core.Configuration;
using Orchestration.Core.Planning;
using Orchestration.Server.Hosting;
using Orchestration.Storage.Spend;

namespace Orchestration.Bench.Spend;

/// <summary>
/// Spend on a fixed suite of plans (<see cref="SpendSuite"/>) run offline end to end on the real server and the simulated
/// provider: plan, approve, execute, then the run's cost report. Figures: routed spend against every task on Sonnet and
/// on Haiku, the cache-read share of prompt tokens on projects of 5+ tasks, and forecast accuracy (share of runs inside
/// the forecast range) with the constant estimates and with estimates calibrated on the first half of the suite,
/// both measured on the second half. Options: --plans N (default 24, at least 4).
/// </summary>
public static class SpendBench
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    private sealed record Run(int Tasks, PlanDocument Plan, JsonElement Report);

    public static async Task<IReadOnlyList<BenchResult>> RunAsync(BenchArgs args)
    {
        var count = Math.Max(4, args.GetInt("plans", SpendSuite.DefaultPlans));
        Console.WriteLine("note: the simulated provider measures cost mechanics (routing, prices, token accounting, forecasts), not answer quality.");
        var directory = Directory.CreateTempSubdirectory("orch-bench-spend-").FullName;
        var config = BenchServerConfig.In(directory);
        config.Simulated.LatencyMs = 0;
        config.Simulated.LatencyJitterMs = 0;
        config.Budget = new BudgetOptions { DailyLimitUsd = 1_000m, MonthlyLimitUsd = 1_000m, PerProjectLimitUsd = 1_000m };
        await using var app = await ServerHost.CreateAsync(config);
        await app.StartAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(app.ListeningAddress()), Timeout = TimeSpan.FromMinutes(2) };
            await LoginAsync(http);
            var plans = SpendSuite.Plans(count);
            var half = count / 2;
            var runs = new List<Run>();
            foreach (var requirements in plans.Take(half))
            {
                runs.Add(await RunPlanAsync(http, requirements));
            }
            // Calibrated on the first half only, so the second half is measured on plans it did not learn from.
            var calibration = ForecastCalibration.From(
                await app.Services.GetRequiredService<IForecastHistoryStore>().GetTaskSamplesAsync(int.MaxValue, CancellationToken.None));
            foreach (var requirements in plans.Skip(half))
            {
                runs.Add(await RunPlanAsync(http, requirements));
            }
            return Figures(runs, runs.Skip(half).ToList(), calibration, app.Services.GetRequiredService<PlanForecaster>());
        }
        finally
        {
            await app.StopAsync();
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS.
            }
        }
    }

    private static List<BenchResult> Figures(List<Run> runs, List<Run> measured, ForecastCalibration calibration, PlanForecaster forecaster)
    {
        double Total(string scenario) => runs.Sum(r => Scenario(r.Report, scenario));
        var actual = runs.Sum(r => r.Report.GetProperty("actual_usd").GetDouble());
        var (sonnet, haiku) = (Total("all_sonnet"), Total("all_haiku"));
        // The task calls alone: verification and knowledge calls cost the same under every routing.
        var fixedCost = runs.Sum(r => r.Report.GetProperty("fixed_usd").GetDouble());
        var (taskCalls, taskCallsOnSonnet) = (actual - fixedCost, sonnet - fixedCost);
        var large = runs.Where(r => r.Tasks >= 5).Select(r => r.Report.GetProperty("cache")).ToList();
        var prompt = large.Sum(c => c.GetProperty("prompt_tokens").GetInt64());
        var cacheRead = large.Sum(c => c.GetProperty("cache_read_tokens").GetInt64());
        double Inside(ForecastCalibration? with) => 100.0 * measured.Count(r =>
        {
            var forecast = forecaster.Forecast(r.Plan, with);
            var spent = (decimal)r.Report.GetProperty("actual_usd").GetDouble();
            return spent >= forecast.TotalUsdLow && spent <= forecast.TotalUsdHigh;
        }) / measured.Count;

        return
        [
            new("spend.suite.plans", runs.Count, "plans"),
            new("spend.suite.tasks", runs.Sum(r => r.Tasks), "tasks"),
            new("spend.routed.cost", actual, "USD", sonnet, "USD all-Sonnet"),
            new("spend.routed.cheaper_than_all_sonnet", sonnet == 0 ? 0 : 100 * (sonnet - actual) / sonnet, "%", Target: ">= 60 %"),
            new("spend.routed.task_calls_cheaper_than_all_sonnet", taskCallsOnSonnet == 0 ? 0 : 100 * (taskCallsOnSonnet - taskCalls) / taskCallsOnSonnet, "%"),
            new("spend.verification_and_knowledge.share_of_routed_cost", actual == 0 ? 0 : 100 * fixedCost / actual, "%"),
            new("spend.all_haiku.cost", haiku, "USD", actual, "USD routed"),
            new("spend.cache_read_share.projects_of_5_plus_tasks", prompt == 0 ? 0 : 100.0 * cacheRead / prompt, "% of prompt tokens", Target: ">= 50 %"),
            new("spend.forecast.inside_range.calibrated", Inside(calibration), "% of runs", Inside(null), "% with the constant estimates", Target: ">= 90 %"),
            new("spend.forecast.calibration.samples", calibration.Samples, "finished tasks"),
            new("spend.forecast.calibration.groups", calibration.CalibratedGroups, "type/complexity/tier groups"),
        ];
    }

    private static double Scenario(JsonElement report, string name) =>
        report.GetProperty("scenarios").EnumerateArray().Single(s => s.GetProperty("name").GetString() == name).GetProperty("total_usd").GetDouble();

    private static async Task<Run> RunPlanAsync(HttpClient http, string requirements)
    {
        var project = (await ReadAsync(await http.PostAsJsonAsync("/api/projects", new { name = "spend bench", requirements, planning_rigor = "L1" })))
            .GetProperty("id").GetString()!;
        var plan = await ReadAsync(await http.PostAsync($"/api/projects/{project}/plan", null));
        var document = PlanValidator.Validate(JsonNode.Parse(plan.GetProperty("plan").GetRawText())).Plan
            ?? throw new InvalidOperationException("The simulated plan did not validate.");
        await ReadAsync(await http.PostAsync($"/api/projects/{project}/plans/{plan.GetProperty("plan_id").GetString()}/approve", null));
        await ReadAsync(await http.PostAsync($"/api/projects/{project}/execute", null));
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var status = (await ReadAsync(await http.GetAsync($"/api/projects/{project}"))).GetProperty("status").GetString();
            if (status is "completed" or "failed")
            {
                break;
            }
            if (clock.Elapsed > RunTimeout)
            {
                throw new TimeoutException($"Project {project} is still {status} after {RunTimeout}.");
            }
            await Task.Delay(50);
        }
        var report = await ReadAsync(await http.GetAsync($"/api/projects/{project}/runs/latest/cost-report"));
        return new Run(document.AllTasks().Count, document, report);
    }

    private static async Task LoginAsync(HttpClient http)
    {
        var credentials = new { email = "bench@example.com", password = "bench-password-123", display_name = "" };
        (await http.PostAsJsonAsync("/api/auth/register", credentials)).EnsureSuccessStatusCode();
        var login = await ReadAsync(await http.PostAsJsonAsync("/api/auth/login", credentials));
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.GetProperty("access_token").GetString());
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{(int)response.StatusCode} from {response.RequestMessage?.RequestUri}: {text}");
        }
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
