using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Orchestration.Core.Domain;
using Orchestration.Core.Pricing;
using Orchestration.Engine.Models;
using Orchestration.Engine.Models.Pipeline;
using Orchestration.Engine.Tests.Fakes;

namespace Orchestration.Engine.Tests.Models;

public sealed class ModelGatewayTests
{
    private static Task<LoopbackServer> AnthropicServer(int outputTokens = 5) =>
        LoopbackServer.StartAsync(app => app.MapPost("/v1/messages", (HttpContext c) =>
            LoopbackServer.WriteJsonAsync(c, 200, AnthropicWire.TextMessage("ok", 10, outputTokens))));

    private static ModelRequest Request(ModelTier? tier = ModelTier.Sonnet, string? model = null, ChatOptions? options = null) =>
        new(GatewayFixture.Context(), tier, model, [new(ChatRole.User, "hello")], options ?? new ChatOptions());

    [Fact]
    public async Task A_paid_model_without_a_price_is_refused_before_anything_is_sent_or_reserved()
    {
        await using var server = await AnthropicServer();
        var config = GatewayFixture.Anthropic(server.BaseUrl);
        config.Anthropic.Models["sonnet"] = "claude-unpriced-9";
        await using var models = new GatewayFixture(config);

        var error = await Assert.ThrowsAsync<UnpricedModelException>(() => models.Gateway.CompleteAsync(Request(), TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<UnpricedModelException>(() => models.Gateway.CompleteAsync(Request(null, "another-unpriced"), TestContext.Current.CancellationToken));

        Assert.Equal("claude-unpriced-9", error.Model);
        Assert.Empty(server.Requests);
        Assert.Empty(models.Ledger.Reserved);
    }

    [Fact]
    public async Task A_call_the_budget_refuses_is_never_sent()
    {
        await using var server = await AnthropicServer();
        await using var models = new GatewayFixture(GatewayFixture.Anthropic(server.BaseUrl), new FakeBudgetLedger { RefuseAbove = 0.0001m });

        var error = await Assert.ThrowsAsync<BudgetExceededException>(() => models.Gateway.CompleteAsync(Request(), TestContext.Current.CancellationToken));

        Assert.Equal("daily", error.Scope);
        Assert.Empty(server.Requests);
        Assert.Empty(models.Ledger.Open);
    }

    [Fact]
    public async Task The_reservation_is_the_worst_case_of_the_estimated_prompt_and_max_tokens()
    {
        await using var server = await AnthropicServer();
        await using var models = new GatewayFixture(GatewayFixture.Anthropic(server.BaseUrl));
        var prompt = new string('x', 3_000);

        await models.Gateway.CompleteAsync(
            new(GatewayFixture.Context(), ModelTier.Opus, null, [new(ChatRole.User, prompt)], new ChatOptions { MaxOutputTokens = 2_000 }),
            TestContext.Current.CancellationToken);

        var (_, amount) = Assert.Single(models.Ledger.Reserved);
        var prices = models.Get<PriceCalculator>();
        var estimate = PromptEstimator.Estimate([new(ChatRole.User, prompt)], null);
        Assert.True(estimate >= 1_000, "a 3,000-character prompt is estimated at no less than 1,000 tokens");
        Assert.Equal(prices.WorstCase("anthropic", "claude-opus-4-6", estimate, 2_000), amount);
        Assert.True(amount > prices.Cost("anthropic", "claude-opus-4-6", new TokenUsage(10, 5, 0, 0)));
    }

    [Fact]
    public async Task The_caller_options_are_not_modified_and_orch_keys_never_reach_the_provider()
    {
        await using var server = await AnthropicServer();
        await using var models = new GatewayFixture(GatewayFixture.Anthropic(server.BaseUrl));
        var options = new ChatOptions { AdditionalProperties = new() { [ModelOptionKeys.Rigor] = "L3" } };

        await models.Gateway.CompleteAsync(Request(options: options), TestContext.Current.CancellationToken);

        Assert.Null(options.ModelId);
        Assert.Null(options.MaxOutputTokens);
        Assert.Equal([ModelOptionKeys.Rigor], options.AdditionalProperties.Keys);
        Assert.DoesNotContain("orch", Assert.Single(server.Requests).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_call_is_an_open_telemetry_gen_ai_span()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/messages", (HttpContext c) =>
            LoopbackServer.WriteJsonAsync(c, 200, AnthropicWire.TextMessage("traced", 31, 4_242))));
        await using var models = new GatewayFixture(GatewayFixture.Anthropic(server.BaseUrl));
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ModelTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        await models.Gateway.CompleteAsync(Request(), TestContext.Current.CancellationToken);

        var span = Assert.Single(spans, s => s.GetTagItem("gen_ai.usage.output_tokens") is 4_242 or 4_242L);
        Assert.Equal("chat", span.GetTagItem("gen_ai.operation.name"));
        Assert.Equal("claude-sonnet-4-6", span.GetTagItem("gen_ai.request.model"));
        Assert.Equal(31, Convert.ToInt32(span.GetTagItem("gen_ai.usage.input_tokens"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task At_most_max_concurrent_calls_reach_a_provider_at_once()
    {
        var entered = 0;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var inner = new TestChatClient(async () =>
        {
            Interlocked.Increment(ref entered);
            await gate.Task;
            return new ChatResponse(new ChatMessage(ChatRole.Assistant, "done"));
        });
        using var limited = new ConcurrencyLimitChatClient(inner, new SemaphoreSlim(2));

        var calls = Enumerable.Range(0, 5).Select(_ => limited.GetResponseAsync("hi", cancellationToken: TestContext.Current.CancellationToken)).ToList();

        // Entering the inner client happens synchronously when a slot is free, so exactly two are in.
        Assert.Equal(2, Volatile.Read(ref entered));
        Assert.All(calls, c => Assert.False(c.IsCompleted));
        gate.SetResult();
        await Task.WhenAll(calls);
        Assert.Equal(5, entered);
    }

    [Fact]
    public void Prompt_caching_folds_instructions_into_the_system_prompt_and_marks_its_end_without_touching_the_caller()
    {
        var system = new ChatMessage(ChatRole.System, [new TextContent("Role."), new TextContent("Project knowledge.")]);
        var user = new ChatMessage(ChatRole.User, "Task.");
        var options = new ChatOptions { Instructions = "Instructions." };

        var (messages, marked) = AnthropicPromptCachingChatClient.Mark([system, user], options);

        Assert.Null(marked!.Instructions);
        Assert.Equal("Instructions.", options.Instructions);
        Assert.Equal("Instructions.", messages[0].Text);
        var lastSystemText = messages[1].Contents.OfType<TextContent>().Last();
        Assert.Equal("Project knowledge.", lastSystemText.Text);
        Assert.True(lastSystemText.AdditionalProperties?.ContainsKey("anthropic:cache_control"));
        Assert.Null(system.Contents[1].AdditionalProperties);
        Assert.Same(user, messages[2]);
    }

    /// <summary>A hand-written inner client whose answer the test supplies.</summary>
    private sealed class TestChatClient(Func<Task<ChatResponse>> answer) : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => answer();

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
            [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            foreach (var update in (await answer()).ToChatResponseUpdates())
            {
                yield return update;
            }
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
