using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestration.Server.Tests.Events;
using Orchestration.Server.Tests.Execution;
using Orchestration.Server.Tests.Infrastructure;

namespace Orchestration.Server.Tests.Plans;

/// <summary>Approval holds the plan's high forecast against the room each cap has left (402 naming the cap, unless
/// ?force=true), and a run that spends past the forecast gets one budget_warning.</summary>
public sealed class PlanBudgetApiTests
{
    private const string Requirements = "Parse a CSV file.\n\nValidate its header.\n\nWrite JSON out.";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Each cap admits planning's own call (its worst case is under $0.10) and is far below the plan's high forecast once
    // every task is complex work for opus (about $1.50 each).
    [Theory]
    [InlineData("project", """{ "budget": { "per_project_limit_usd": 0.5 } }""", 0.5)]
    [InlineData("daily", """{ "budget": { "daily_limit_usd": 0.5 } }""", 0.5)]
    [InlineData("monthly", """{ "budget": { "daily_limit_usd": 5, "monthly_limit_usd": 0.5 } }""", 0.5)]
    public async Task Approval_past_a_cap_is_a_402_naming_it_and_goes_through_with_force(string cap, string config, double limit)
    {
        await using var app = await OrchestrationApp.StartAsync(config);
        var client = (await app.CreateUserAsync()).Client;
        var projectId = await PlanningApp.CreateProjectAsync(client, Requirements, "L1");
        var planned = await PlanningApp.PlannedAsync(client, projectId);
        var planId = planned.GetProperty("id").GetString()!;
        var spent = planned.GetProperty("cost_usd").GetDouble();
        var costly = JsonNode.Parse(planned.GetProperty("plan").GetRawText())!;
        foreach (var task in costly["tasks"]!.AsArray())
        {
            (task!["complexity"], task["model_tier"]) = ("complex", "opus");
        }
        var plan = await (await client.PatchJsonAsync($"/api/projects/{projectId}/plans/{planId}", new { plan = costly })).ReadJsonAsync();
        var high = plan.GetProperty("forecast").GetProperty("total_usd_high").GetDouble();
        Assert.True(high > 5 * 1.5, $"forecast high {high}");

        var problem = await (await PlanningApp.ApproveAsync(client, projectId, planId)).AssertProblemAsync(HttpStatusCode.PaymentRequired, $"the {cap} budget");
        Assert.Equal(cap, problem.GetProperty("cap").GetString());
        Assert.Equal(high, problem.GetProperty("forecast_high_usd").GetDouble(), 6);
        Assert.Equal(limit - spent, problem.GetProperty("room_usd").GetDouble(), 6);
        Assert.Equal(high - (limit - spent), problem.GetProperty("shortfall_usd").GetDouble(), 6);
        Assert.Equal(limit, problem.GetProperty("limit_usd").GetDouble(), 6);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains(Usd(problem.GetProperty("forecast_high_usd").GetDouble()), detail);
        Assert.Contains(Usd(problem.GetProperty("shortfall_usd").GetDouble()) + " short", detail);
        Assert.Contains("force=true", detail);
        Assert.Equal("draft", (await (await client.GetAsync($"/api/projects/{projectId}/plans/{planId}", Ct)).ReadJsonAsync()).GetProperty("status").GetString());

        var forced = await (await client.PostAsync($"/api/projects/{projectId}/plans/{planId}/approve?force=true", null, Ct)).ReadJsonAsync();
        Assert.True(forced.GetProperty("forced").GetBoolean());
        Assert.True(forced.GetProperty("tasks_created").GetInt32() > 0);
        var approved = await (await client.GetAsync($"/api/projects/{projectId}/plans/{planId}", Ct)).ReadJsonAsync();
        Assert.Equal(("approved", true), (approved.GetProperty("status").GetString(), approved.GetProperty("approval_forced").GetBoolean()));
        Assert.Equal(0, approved.GetProperty("spent_usd").GetDouble());
    }

    [Fact]
    public async Task Approval_within_every_cap_is_not_forced_and_the_plan_reads_its_forecast_beside_its_spend()
    {
        await using var app = await OrchestrationApp.StartAsync();
        var client = (await app.CreateUserAsync()).Client;
        var projectId = await PlanningApp.CreateProjectAsync(client, Requirements, "L1");
        var plan = await PlanningApp.PlannedAsync(client, projectId);
        var planId = plan.GetProperty("id").GetString()!;
        Assert.Equal(JsonValueKind.Null, plan.GetProperty("spent_usd").ValueKind);

        var approved = await (await client.PostAsync($"/api/projects/{projectId}/plans/{planId}/approve?force=false", null, Ct)).ReadJsonAsync();
        Assert.False(approved.GetProperty("forced").GetBoolean());
        var read = await (await client.GetAsync($"/api/projects/{projectId}/plans/{planId}", Ct)).ReadJsonAsync();
        Assert.False(read.GetProperty("approval_forced").GetBoolean());
        var forecast = read.GetProperty("forecast");
        Assert.Equal(forecast.GetProperty("total_usd_high").GetDouble(), read.GetProperty("forecast_high_usd").GetDouble());
        Assert.Equal((forecast.GetProperty("total_usd_low").GetDouble() + forecast.GetProperty("total_usd_high").GetDouble()) / 2,
            read.GetProperty("forecast_expected_usd").GetDouble(), 6);
        // Planning was spent before approval: it is not the run's spend.
        Assert.Equal(0, read.GetProperty("spent_usd").GetDouble());
    }

    [Fact]
    public async Task A_run_that_spends_past_the_plans_high_forecast_gets_one_budget_warning()
    {
        await using var app = await OrchestrationApp.StartAsync();
        var client = (await app.CreateUserAsync()).Client;
        var projectId = await PlanningApp.CreateProjectAsync(client, Requirements, "L1");
        var planned = await PlanningApp.PlannedAsync(client, projectId);
        var planId = planned.GetProperty("id").GetString()!;
        // Every task on the free local tier: the forecast is $0, while verification (a paid model) still costs something.
        var plan = JsonNode.Parse(planned.GetProperty("plan").GetRawText())!;
        foreach (var task in plan["tasks"]!.AsArray())
        {
            task!["model_tier"] = "ollama";
        }
        var edited = await (await client.PatchJsonAsync($"/api/projects/{projectId}/plans/{planId}", new { plan })).ReadJsonAsync();
        Assert.Equal(0, edited.GetProperty("forecast_high_usd").GetDouble());
        await (await PlanningApp.ApproveAsync(client, projectId, planId)).ReadJsonAsync();

        var token = await ExecutionSeed.StreamTokenAsync(client, projectId);
        await using var stream = await RawEventStream.OpenAsync(app.CreateClient(), $"/api/events/{projectId}?token={Uri.EscapeDataString(token)}");
        await (await client.PostAsync($"/api/projects/{projectId}/execute", null, Ct)).ReadJsonAsync();
        await stream.ReadUntilAsync("event: project_complete");

        var warnings = stream.Events().Where(e => e.Type == "budget_warning").Select(e => JsonDocument.Parse(e.Data).RootElement)
            .Where(e => e.TryGetProperty("reason", out var reason) && reason.GetString() == "forecast_exceeded").ToList();
        var warning = Assert.Single(warnings);
        Assert.Equal(("warn", "project", planId), (warning.GetProperty("level").GetString(), warning.GetProperty("scope").GetString(),
            warning.GetProperty("plan_id").GetString()));
        Assert.Equal(0, warning.GetProperty("forecast_high_usd").GetDouble());
        Assert.True(warning.GetProperty("spent_usd").GetDouble() > 0);
        Assert.Contains("past the plan's high forecast", warning.GetProperty("message").GetString());

        var read = await (await client.GetAsync($"/api/projects/{projectId}/plans/{planId}", Ct)).ReadJsonAsync();
        Assert.True(read.GetProperty("spent_usd").GetDouble() >= warning.GetProperty("spent_usd").GetDouble());
    }

    private static string Usd(double usd) => "$" + ((decimal)usd).ToString("0.00####", System.Globalization.CultureInfo.InvariantCulture);
}
