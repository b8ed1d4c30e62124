using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Orchestration.Core.Domain;
using Orchestration.Engine.Models;
using Orchestration.Engine.Tests.Fakes;

namespace Orchestration.Engine.Tests.Models;

/// <summary>Retry with backoff on 429/5xx/529 honouring retry-after; no retry on 400 or after output streamed.</summary>
public sealed class AnthropicRetryTests
{
    private static ModelRequest Request() =>
        new(GatewayFixture.Context(), ModelTier.Haiku, null, [new ChatMessage(ChatRole.User, "go")], new ChatOptions { MaxOutputTokens = 100 });

    /// <summary>Answers the scripted responses in order, then success.</summary>
    private static Task<LoopbackServer> Scripted(params Func<HttpContext, Task>[] script)
    {
        var call = -1;
        return LoopbackServer.StartAsync(app => app.MapPost("/v1/messages", (HttpContext c) =>
        {
            var n = Interlocked.Increment(ref call);
            return n < script.Length ? script[n](c) : LoopbackServer.WriteJsonAsync(c, 200, AnthropicWire.TextMessage("finally", 10, 5, model: "claude-haiku-4-5-20251001"));
        }));
    }

    private static Func<HttpContext, Task> RateLimited(string retryAfter) => c =>
        LoopbackServer.WriteJsonAsync(c, 429, AnthropicWire.Error("rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit"), ("retry-after", retryAfter));

    private static readonly Func<HttpContext, Task> Overloaded = c =>
        LoopbackServer.WriteJsonAsync(c, 529, AnthropicWire.Error("overloaded_error", "Overloaded"));

    [Fact]
    public async Task A_429_is_retried_after_the_retry_after_the_server_asked_for()
    {
        await using var server = await Scripted(RateLimited("7"));
        await using var models = new GatewayFixture(GatewayFixture.Anthropic(server.BaseUrl));

        var result = await models.Gateway.CompleteAsync(Request(), TestContext.Current.CancellationToken);

        Assert.Equal("finally", result.Response.Text);
        Assert.Equal(2, server.Requests.Count);
        Assert.Contains(TimeSpan.FromSeconds(7), models.Time.Delays);
        Assert.Single(models.Ledger.Reserved); // one reservation covers the retries
        Assert.Equal("ok", Assert.Single(models.Ledger.Settled).Usage.Outcome);
    }

    [Fact]
    public async Task A_529_overload_is_retried_with_exponential_backoff_and_jitter()
    {
        await using var server = await Scripted(Overloaded, Overloaded, Overloaded);
        await using var models = new GatewayFixture(GatewayFixture.Anthropic(server.BaseUrl));

        var result = await models.Gateway.CompleteAsync(Request(), TestContext.Current.CancellationToken);

        Assert.Equal("finally", result.Response.Text);
        Assert.Equal(4, server.Requests.Count);
        var delays = models.Time.Delays.ToArray();
        Assert.Equal(3, delays.Length);
        for (var i = 0; i < 3; i++)
        {
            var floor = TimeSpan.FromSeconds(Math.Pow(2, i));
            Assert.InRange(delays[i], floor, floor * 1.25);
        }
    }

    [Fact]
    public async Task A_500_is_retried()
    {
        await using var server = await Scripted(c => LoopbackServer.WriteJsonAsync(c, 500, AnthropicWire.Error("api_error", "Internal server error")));
        await using var models = new GatewayFixture(GatewayFixture.Anthropic(server.BaseUrl));

        Assert.Equal("finally", (await models.Gateway.CompleteAsync(Request(), TestContext.Current.CancellationToken)).Response.Text);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task A_400_is_not_retried_and_the_reservation_is_released()
    {
        await using var server = await Scripted(c => LoopbackServer.WriteJsonAsync(c, 400, AnthropicWire.Error("invalid_request_error", "max_tokens: Field required")));
        await using var models = new GatewayFixture(GatewayFixture.Anthropic(server.BaseUrl));

        var error = await Assert.ThrowsAsync<ModelProviderException>(() => models.Gateway.CompleteAsync(Request(), TestContext.Current.CancellationToken));

        Assert.Single(server.Requests);
        Assert.False(error.IsTransient);
        Assert.Equal(400, error.StatusCode);
        Assert.Equal("anthropic", error.Provider);
        Assert.Empty(models.Time.Delays);
        var (_, usage) = Assert.Single(models.Ledger.Released);
        Assert.Equal(("error", 0m), (usage!.Outcome, usage.CostUsd));
        Assert.Empty(models.Ledger.Open);
    }

    [Fact]
    public async Task Retries_stop_at_max_retries_and_the_failure_is_transient()
    {
        await using var server = await Scripted(Overloaded, Overloaded, Overloaded, Overloaded);
        var config = GatewayFixture.Anthropic(server.BaseUrl);
        config.Anthropic.MaxRetries = 2;
        await using var models = new GatewayFixture(config);

        var error = await Assert.ThrowsAsync<ModelProviderException>(() => models.Gateway.CompleteAsync(Request(), TestContext.Current.CancellationToken));

        Assert.Equal(3, server.Requests.Count);
        Assert.True(error.IsTransient);
        Assert.Equal(529, error.StatusCode);
        Assert.Single(models.Ledger.Released);
    }

    [Fact]
    public async Task A_stream_that_fails_after_output_began_is_not_retried()
    {
        await using var server = await Scripted(c => LoopbackServer.WriteStreamAsync(c, "text/event-stream",
            AnthropicWire.TextStream(["partial"], 10, 1).Take(4).Append(AnthropicWire.Event("error", AnthropicWire.Error("overloaded_error", "Overloaded")))));
        await using var models = new GatewayFixture(GatewayFixture.Anthropic(server.BaseUrl));

        var received = new List<string>();
        var error = await Assert.ThrowsAsync<ModelProviderException>(async () =>
        {
            await foreach (var update in models.Streaming.StreamAsync(Request(), TestContext.Current.CancellationToken))
            {
                received.Add(update.Text);
            }
        });

        Assert.Single(server.Requests);
        Assert.Equal("partial", string.Concat(received));
        Assert.True(error.IsTransient);
        var (_, usage) = Assert.Single(models.Ledger.Released);
        // What streamed before the failure is recorded and priced; the SDK reports usage only at the end, so it is estimated.
        Assert.Equal(("error", 2L), (usage!.Outcome, usage.CompletionTokens));
        Assert.True(usage.PromptTokens > 0);
        Assert.True(usage.CostUsd > 0);
        Assert.Empty(models.Ledger.Open);
    }

    [Fact]
    public async Task A_stream_refused_before_output_is_retried()
    {
        await using var server = await Scripted(RateLimited("1"));
        await using var models = new GatewayFixture(GatewayFixture.Anthropic(server.BaseUrl));

        var text = "";
        await foreach (var update in models.Streaming.StreamAsync(Request(), TestContext.Current.CancellationToken))
        {
            text += update.Text;
        }

        Assert.Equal(2, server.Requests.Count);
        Assert.Contains(TimeSpan.FromSeconds(1), models.Time.Delays);
    }

    [Fact]
    public async Task Cancellation_aborts_the_call_and_releases_the_reservation()
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/messages", async (HttpContext c) =>
        {
            arrived.TrySetResult();
            await Task.Delay(Timeout.Infinite, c.RequestAborted);
        }));
        await using var models = new GatewayFixture(GatewayFixture.Anthropic(server.BaseUrl));
        using var cancel = new CancellationTokenSource();

        var call = models.Gateway.CompleteAsync(Request(), cancel.Token);
        await arrived.Task.WaitAsync(TestContext.Current.CancellationToken);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Empty(models.Time.Delays);
        Assert.Equal("cancelled", Assert.Single(models.Ledger.Released).Usage!.Outcome);
        Assert.Empty(models.Ledger.Open);
    }
}
