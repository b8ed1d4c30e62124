using System.Text.Json;
using Microsoft.Extensions.AI;
using Orchestration.Core.Configuration;
using Orchestration.Core.Domain;
using Orchestration.Core.Graph;
using Orchestration.Engine.Models;
using Orchestration.Engine.Tests.Fakes;

namespace Orchestration.Engine.Tests.Models;

/// <summary>The simulated provider through the gateway: plans of each rigor, labelled and priced answers.</summary>
public sealed class SimulatedProviderTests
{
    internal const string Requirements =
        "[R1] Write hello_world.py that prints a greeting and today's date in ISO format.\n\n" +
        "[R2] Write RUN.md with exact steps to run it.\n\n" +
        "[R3] Research which Python versions support the date formatting used, and compare them.\n\n" +
        "[R4] Create a small logo image for the project.\n\n" +
        "Return the plan as JSON.";

    internal static ModelRequest Planning(string requirements, string rigor, string projectId = "project-1") =>
        new(new ModelCallContext("user-1", projectId, null, CallPurpose.Planning), null, "claude-sonnet-4-6",
            [new(ChatRole.System, "You are a planner."), new(ChatRole.User, "Plan these requirements:\n\n" + requirements)],
            new ChatOptions { MaxOutputTokens = 6_000, AdditionalProperties = new() { [ModelOptionKeys.Rigor] = rigor } });

    [Theory]
    [InlineData("L1")]
    [InlineData("L2")]
    [InlineData("L3")]
    public async Task Plans_are_valid_for_each_rigor(string rigor)
    {
        await using var models = new GatewayFixture(GatewayFixture.Simulated());

        var answer = (await models.Gateway.CompleteAsync(Planning(Requirements, rigor), TestContext.Current.CancellationToken)).Response.Text;

        var plan = SimulatedPlans.Parse(answer);
        Assert.False(string.IsNullOrWhiteSpace(plan.GetProperty("summary").GetString()));
        Assert.Equal(rigor == "L1", plan.TryGetProperty("tasks", out _));
        Assert.Equal(rigor != "L1", plan.TryGetProperty("phases", out _));
        Assert.Equal(rigor != "L1", plan.TryGetProperty("open_questions", out _));
        Assert.Equal(rigor == "L3", plan.TryGetProperty("risk_assessment", out _));
        Assert.Equal(rigor == "L3", plan.TryGetProperty("test_strategy", out _));

        var tasks = SimulatedPlans.Tasks(plan);
        Assert.InRange(tasks.Count, 5, 8);
        var dependsOn = tasks.Select(t => (IReadOnlyList<int>)[.. t.GetProperty("depends_on").EnumerateArray().Select(d => d.GetInt32())]).ToList();
        for (var i = 0; i < tasks.Count; i++)
        {
            Assert.All(dependsOn[i], d => Assert.InRange(d, 0, tasks.Count - 1));
            Assert.DoesNotContain(i, dependsOn[i]);
            Assert.Contains(tasks[i].GetProperty("complexity").GetString(), new[] { "simple", "medium", "complex" });
            Assert.Contains(tasks[i].GetProperty("task_type").GetString(), new[] { "code", "research", "analysis", "asset", "integration", "documentation" });
            Assert.False(string.IsNullOrWhiteSpace(tasks[i].GetProperty("title").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(tasks[i].GetProperty("verification_criteria").GetString()));
            Assert.Equal(JsonValueKind.Array, tasks[i].GetProperty("tools_needed").ValueKind);
            Assert.Equal(JsonValueKind.Array, tasks[i].GetProperty("affected_files").ValueKind);
        }
        var graph = DagAnalysis.Analyze(dependsOn);
        Assert.True(dependsOn.Count(d => d.Count > 0) >= tasks.Count - 1, "every task but the first depends on something");
        Assert.True(graph.Waves.Max() >= 2, "the graph has at least three waves");
        var covered = tasks.SelectMany(t => t.GetProperty("requirement_ids").EnumerateArray().Select(r => r.GetString())).ToHashSet();
        Assert.Superset(new HashSet<string?> { "R1", "R2", "R3", "R4" }, covered);
        Assert.Equal(4, covered.Count);
        var types = tasks.Select(t => t.GetProperty("task_type").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "code", "documentation", "research", "asset" }, types);
        Assert.Contains("hello_world.py", tasks.SelectMany(t => t.GetProperty("affected_files").EnumerateArray().Select(f => f.GetString())));
        if (rigor == "L3")
        {
            var testIndex = Assert.Single(plan.GetProperty("test_strategy").GetProperty("test_tasks").EnumerateArray()).GetInt32();
            Assert.Contains("test", tasks[testIndex].GetProperty("title").GetString()!, StringComparison.OrdinalIgnoreCase);
            Assert.NotEmpty(plan.GetProperty("risk_assessment").EnumerateArray());
        }
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_answers_and_other_seeds_vary()
    {
        async Task<string> PlanWith(int seed)
        {
            await using var models = new GatewayFixture(GatewayFixture.Simulated(seed: seed));
            return (await models.Gateway.CompleteAsync(Planning(Requirements, "L2"), TestContext.Current.CancellationToken)).Response.Text;
        }

        Assert.Equal(await PlanWith(7), await PlanWith(7));
        var plans = new HashSet<string>();
        foreach (var seed in new[] { 1, 2, 3, 4, 5, 6 })
        {
            plans.Add(await PlanWith(seed));
        }
        Assert.True(plans.Count > 1, "different seeds give different plans");
    }

    [Fact]
    public async Task Answers_are_labelled_simulated_and_priced_as_the_model_they_stand_in_for()
    {
        await using var models = new GatewayFixture(GatewayFixture.Simulated());

        var paid = await models.Gateway.CompleteAsync(
            new(GatewayFixture.Context(), ModelTier.Sonnet, null, [new(ChatRole.User, "Title: Build the thing\n\nDo it well.")], new ChatOptions()),
            TestContext.Current.CancellationToken);
        var local = await models.Gateway.CompleteAsync(
            new(GatewayFixture.Context(), ModelTier.Ollama, null, [new(ChatRole.User, "Title: Draft notes")], new ChatOptions()),
            TestContext.Current.CancellationToken);

        Assert.Equal(("simulated", "claude-sonnet-4-6", true), (paid.Provider, paid.Model, paid.Simulated));
        Assert.True(paid.PromptTokens > 0 && paid.CompletionTokens > 50);
        Assert.Equal(Money.ToNanos((paid.PromptTokens * 3m + paid.CompletionTokens * 15m) / 1_000_000m), paid.CostNanos);
        Assert.Contains("Build the thing", paid.Response.Text, StringComparison.Ordinal);
        Assert.True(paid.Response.Text.Length >= 200, "long enough for knowledge extraction");
        Assert.Equal(("simulated", "qwen2.5-coder:14b", 0L), (local.Provider, local.Model, local.CostNanos));
        Assert.All(models.Ledger.Settled, s => Assert.Equal("simulated", s.Usage.Provider));
        Assert.Equal(0m, models.Ledger.Reserved.Last().Amount);
    }

    [Fact]
    public async Task Latency_follows_the_configured_mean_and_jitter()
    {
        await using var models = new GatewayFixture(GatewayFixture.Simulated(latencyMs: 200, jitterMs: 100));

        for (var i = 0; i < 10; i++)
        {
            await models.Gateway.CompleteAsync(
                new(GatewayFixture.Context(taskId: $"t{i}"), ModelTier.Haiku, null, [new(ChatRole.User, $"Task: number {i}")], new ChatOptions()),
                TestContext.Current.CancellationToken);
        }

        var delays = models.Time.Delays.ToArray();
        Assert.Equal(10, delays.Length);
        Assert.All(delays, d => Assert.InRange(d.TotalMilliseconds, 100, 300));
        Assert.True(delays.Distinct().Count() > 1, "jitter varies the latency");
    }

    [Fact]
    public async Task Streaming_delivers_the_same_answer_in_chunks_with_usage_last()
    {
        await using var models = new GatewayFixture(GatewayFixture.Simulated());
        var request = new ModelRequest(GatewayFixture.Context(), ModelTier.Haiku, null, [new(ChatRole.User, "Title: Stream me")], new ChatOptions());

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in models.Streaming.StreamAsync(request, TestContext.Current.CancellationToken))
        {
            updates.Add(update);
        }
        var whole = await models.Gateway.CompleteAsync(request, TestContext.Current.CancellationToken);

        Assert.True(updates.Count > 5);
        Assert.Equal(whole.Response.Text, string.Concat(updates.Select(u => u.Text)));
        Assert.True((bool)updates[^1].AdditionalProperties!["orch.simulated"]!);
        Assert.Equal(2, models.Ledger.Settled.Count);
    }
}
