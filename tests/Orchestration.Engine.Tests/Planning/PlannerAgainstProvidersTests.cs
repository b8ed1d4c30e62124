using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Orchestration.Core.Domain;
using Orchestration.Core.Planning;
using Orchestration.Engine.Tests.Fakes;

namespace Orchestration.Engine.Tests.Planning;

/// <summary>The planner through the real model layer: the Anthropic Messages API on a loopback server, and the
/// simulated provider offline.</summary>
public sealed class PlannerAgainstProvidersTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string MessageWith(string text) => JsonSerializer.Serialize(new
    {
        id = "msg_01Plan",
        type = "message",
        role = "assistant",
        model = "claude-sonnet-4-6",
        content = new[] { new { type = "text", text } },
        stop_reason = "end_turn",
        stop_sequence = (string?)null,
        usage = new { input_tokens = 900, output_tokens = 400, cache_creation_input_tokens = 0, cache_read_input_tokens = 0 },
    });

    [Theory]
    [InlineData(PlanningRigor.L1, 4096)]
    [InlineData(PlanningRigor.L2, 6144)]
    [InlineData(PlanningRigor.L3, 8192)]
    public async Task The_anthropic_request_carries_the_planning_model_max_tokens_and_the_rigor_system_prompt(PlanningRigor rigor, int maxTokens)
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/messages", (HttpContext c) =>
            LoopbackServer.WriteJsonAsync(c, 200, MessageWith(SamplePlans.Valid))));
        var config = GatewayFixture.Anthropic(server.BaseUrl);
        config.Anthropic.PlanningModel = "claude-sonnet-4-6";
        await using var h = await PlanningHarness.StartWithModelsAsync(config);
        var owner = await h.CreateUserAsync();
        var project = await h.CreateProjectAsync(owner, SamplePlans.Requirements, rigor);

        var stored = (await h.Planner.PlanAsync(owner, project.Id, Ct))!;

        var body = Assert.Single(server.Requests).Json;
        Assert.Equal("claude-sonnet-4-6", body.GetProperty("model").GetString());
        Assert.Equal(maxTokens, body.GetProperty("max_tokens").GetInt32());
        var system = body.GetProperty("system");
        var systemText = system.ValueKind == JsonValueKind.String
            ? system.GetString()
            : string.Concat(system.EnumerateArray().Select(b => b.GetProperty("text").GetString()));
        Assert.Equal(PlannerPrompts.SystemPrompt(rigor), systemText);
        var user = Assert.Single(body.GetProperty("messages").EnumerateArray());
        Assert.Contains("[R2] Write RUN.md", user.GetProperty("content").GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("orch.", Assert.Single(server.Requests).Body, StringComparison.Ordinal);

        Assert.Equal("claude-sonnet-4-6", stored.ModelUsed);
        Assert.Equal(1_300, stored.PromptTokens + stored.CompletionTokens);
        // 900 × $3 + 400 × $15 per million tokens.
        Assert.Equal(8_700_000, stored.CostNanos);
        var (reservation, usage) = Assert.Single(h.Ledger.Settled);
        Assert.Equal(CallPurpose.Planning, usage.Purpose);
        Assert.Equal(project.Id, reservation.ProjectId);
    }

    [Theory]
    [InlineData(PlanningRigor.L1)]
    [InlineData(PlanningRigor.L2)]
    [InlineData(PlanningRigor.L3)]
    public async Task The_simulated_provider_plans_every_rigor_offline(PlanningRigor rigor)
    {
        await using var h = await PlanningHarness.StartWithModelsAsync(GatewayFixture.Simulated());
        var owner = await h.CreateUserAsync();
        var project = await h.CreateProjectAsync(owner, "Parse a CSV file.\n\nValidate its header.\n\nWrite JSON out.", rigor);

        var stored = (await h.Planner.PlanAsync(owner, project.Id, Ct))!;

        var plan = PlanValidator.Validate(PlanJson.TryParse(stored.PlanJson), ["R1", "R2", "R3"]).Plan!;
        Assert.Equal(rigor == PlanningRigor.L1, plan.Tasks is not null);
        Assert.Equal(rigor != PlanningRigor.L1, plan.OpenQuestions is not null);
        Assert.Equal(rigor == PlanningRigor.L3, plan.RiskAssessment is not null && plan.TestStrategy is not null);
        Assert.All(["R1", "R2", "R3"], id => Assert.Contains(plan.AllTasks(), t => t.Task.RequirementIds.Contains(id)));
        Assert.True(stored.CostNanos > 0, "simulated planning is priced as the model it stands in for");
    }

    [Fact]
    public async Task A_prose_answer_from_the_simulated_provider_is_repaired_by_the_re_ask()
    {
        await using var h = await PlanningHarness.StartWithModelsAsync(GatewayFixture.Simulated());
        var owner = await h.CreateUserAsync();
        var project = await h.CreateProjectAsync(owner, "Write a haiku [sim:bad-json].\n\nTranslate it.", PlanningRigor.L1);

        var stored = (await h.Planner.PlanAsync(owner, project.Id, Ct))!;

        Assert.Equal(2, h.Ledger.Settled.Count);
        var plan = PlanValidator.Validate(PlanJson.TryParse(stored.PlanJson), ["R1", "R2"]).Plan!;
        Assert.Contains(plan.AllTasks(), t => t.Task.RequirementIds.Contains("R2"));
    }
}
