using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Orchestration.Core.Configuration;
using Orchestration.Core.Domain;
using Orchestration.Core.Routing;
using Orchestration.Engine.Models;
using Orchestration.Engine.Tests.Fakes;

namespace Orchestration.Engine.Tests.Models;

/// <summary>
/// Every provider against every fault, through the real gateway (budget ledger on a SQLite file, retry, usage
/// records) and each provider's official client, against a loopback server speaking its wire protocol. A retryable
/// fault followed by a good answer succeeds while retries remain; one that persists fails transient after
/// max_retries; what is not worth retrying, or breaks after output reached the caller, fails at once. Whatever
/// happens, the call is charged once: one usage row, the spend counters moved by exactly its cost, nothing reserved.
/// </summary>
public sealed class ProviderFaultMatrixTests
{
    public enum Fault
    {
        RateLimitedWithRetryAfter,
        RateLimited,
        /// <summary>Anthropic's 529; 503 for the others.</summary>
        Overloaded,
        ServerError,
        TimeoutBeforeHeaders,
        /// <summary>The answer begins (headers and the first piece), then nothing more.</summary>
        TimeoutMidStream,
        /// <summary>A 200 whose body (or first streamed event) is not whole JSON.</summary>
        MalformedJson,
        /// <summary>The answer begins, then the server drops the connection.</summary>
        DroppedMidStream,
    }

    private const int MaxRetries = 2;

    /// <summary>The configured provider timeout: short, so that every timeout costs half a second.</summary>
    private const double TimeoutSeconds = 0.5;

    /// <summary>Far longer than any outcome the product should reach: a call still going by then hangs.</summary>
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(15);

    private static readonly string[] Providers = [ProviderNames.Anthropic, ProviderNames.Ollama, ProviderNames.OpenAI];

    public static readonly MatrixTheoryData<string, Fault, bool> Once = new(Providers, Enum.GetValues<Fault>(), [false, true]);

    /// <summary>The faults worth retrying, in the modes where no output has reached the caller when they strike.</summary>
    public static readonly TheoryData<string, Fault, bool> Persistent = new(
        from provider in Providers
        from fault in Enum.GetValues<Fault>()
        from streaming in new[] { false, true }
        where fault != Fault.MalformedJson && !(streaming && fault is Fault.TimeoutMidStream or Fault.DroppedMidStream)
        select (provider, fault, streaming));

    [Theory(Timeout = 30_000)]
    [MemberData(nameof(Once))]
    public async Task A_fault_once_is_retried_or_failed_as_configured_and_charged_once(string provider, Fault fault, bool streaming)
    {
        var output = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await ScriptedAsync(provider, fault, faults: 1, output.Task);
        await using var models = await LedgerGatewayFixture.StartAsync(Config(provider, server.BaseUrl));

        var outcome = await CallAsync(models, streaming, output, TestContext.Current.CancellationToken);

        var row = await AssertChargedOnceAsync(models);
        if (fault == Fault.MalformedJson)
        {
            // Not worth another try: the provider answered, and would answer the same.
            Assert.Single(server.Requests);
            AssertFailed(outcome, provider, fault, transient: false);
            Assert.Empty(models.Time.Delays);
            Assert.Equal(("error", 0L, 0L), (row.Outcome, row.CompletionTokens, row.CostNanos));
        }
        else if (streaming && fault is Fault.TimeoutMidStream or Fault.DroppedMidStream)
        {
            // Output reached the caller: a retry would repeat it, so the call fails, billed for what streamed.
            Assert.Single(server.Requests);
            AssertFailed(outcome, provider, fault, transient: true);
            Assert.Equal("Hel", outcome.Text);
            Assert.Empty(models.Time.Delays);
            Assert.Equal("error", row.Outcome);
            Assert.True(row.CompletionTokens > 0, "the output that streamed before the failure is recorded");
            Assert.Equal(provider != ProviderNames.Ollama, row.CostNanos > 0);
        }
        else
        {
            Assert.Equal(2, server.Requests.Count);
            Assert.Null(outcome.Error);
            Assert.Equal("Hello", outcome.Text);
            AssertBackoff(models.Time, fault, retries: 1);
            // The real answer's usage, priced once, whatever the failed attempt before it did.
            Assert.Equal(("ok", 10L, 5L, outcome.CostNanos), (row.Outcome, row.PromptTokens, row.CompletionTokens, (long?)row.CostNanos));
            Assert.Equal(provider != ProviderNames.Ollama, row.CostNanos > 0);
        }
    }

    [Theory(Timeout = 30_000)]
    [MemberData(nameof(Persistent))]
    public async Task A_fault_that_persists_fails_transient_after_max_retries_and_costs_nothing(string provider, Fault fault, bool streaming)
    {
        var output = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await ScriptedAsync(provider, fault, faults: int.MaxValue, output.Task);
        await using var models = await LedgerGatewayFixture.StartAsync(Config(provider, server.BaseUrl));

        var outcome = await CallAsync(models, streaming, output, TestContext.Current.CancellationToken);

        Assert.Equal(MaxRetries + 1, server.Requests.Count);
        var error = AssertFailed(outcome, provider, fault, transient: true);
        Assert.Equal(StatusOf(provider, fault), error.StatusCode);
        AssertBackoff(models.Time, fault, retries: MaxRetries);
        var row = await AssertChargedOnceAsync(models);
        Assert.Equal(("error", 0L, 0L), (row.Outcome, row.CompletionTokens, row.CostNanos));
    }

    [Theory(Timeout = 30_000)]
    [InlineData(ProviderNames.Anthropic)]
    [InlineData(ProviderNames.Ollama)]
    [InlineData(ProviderNames.OpenAI)]
    public async Task A_stream_longer_than_the_timeout_but_never_quiet_as_long_is_not_cut(string provider)
    {
        // Each pause is well under the timeout and together they pass it: the timeout bounds silence, not the answer.
        var pause = TimeSpan.FromSeconds(TimeoutSeconds * 0.4);
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost(PathOf(provider), async (HttpContext c) =>
        {
            c.Response.ContentType = StreamType(provider);
            foreach (var chunk in AnswerStream(provider))
            {
                await c.Response.WriteAsync(chunk, c.RequestAborted);
                await c.Response.Body.FlushAsync(c.RequestAborted);
                await Task.Delay(pause, c.RequestAborted);
            }
        }));
        await using var models = await LedgerGatewayFixture.StartAsync(Config(provider, server.BaseUrl));

        var outcome = await CallAsync(models, streaming: true, new TaskCompletionSource(), TestContext.Current.CancellationToken);

        Assert.Null(outcome.Error);
        Assert.Equal("Hello", outcome.Text);
        Assert.Single(server.Requests);
        Assert.True(pause * AnswerStream(provider).Length > TimeSpan.FromSeconds(TimeoutSeconds));
        Assert.Equal("ok", (await AssertChargedOnceAsync(models)).Outcome);
    }

    private static OrchestrationConfig Config(string provider, string baseUrl)
    {
        var config = new OrchestrationConfig();
        config.Providers.Default = provider;
        // One retry policy serves every provider; backoff waits are instant (InstantTimeProvider) but recorded.
        config.Anthropic.MaxRetries = MaxRetries;
        switch (provider)
        {
            case ProviderNames.Anthropic:
                config.Anthropic.ApiKey = "sk-ant-test-key";
                config.Anthropic.BaseUrl = baseUrl;
                config.Anthropic.Timeout = TimeoutSeconds;
                break;
            case ProviderNames.Ollama:
                config.Ollama.Hosts = new() { ["local"] = baseUrl };
                config.Ollama.GenerateTimeout = TimeoutSeconds;
                break;
            default:
                config.Openai.BaseUrl = baseUrl + "/v1";
                config.Openai.ApiKey = "sk-openai-test";
                config.Openai.Models = new() { ["haiku"] = "small-model" };
                config.ModelPricing["small-model"] = new ModelPrice { InputPerMtok = 0.5m, OutputPerMtok = 1.5m };
                config.Execution.HttpClientTimeout = TimeoutSeconds;
                break;
        }
        return config;
    }

    /// <summary>What the caller saw: the text that reached it, the error it got, and the cost the gateway reported.</summary>
    private sealed record Outcome(string Text, Exception? Error, long? CostNanos);

    /// <summary>Calls the gateway as the executor does; <paramref name="output"/> is completed when text first reaches the caller.</summary>
    private static async Task<Outcome> CallAsync(LedgerGatewayFixture models, bool streaming, TaskCompletionSource output, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Hang);
        var request = new ModelRequest(models.Context(), ModelTier.Haiku, null, [new ChatMessage(ChatRole.User, "Say hello")],
            new ChatOptions { MaxOutputTokens = 200 });
        var text = new StringBuilder();
        try
        {
            if (!streaming)
            {
                var result = await models.Gateway.CompleteAsync(request, deadline.Token);
                return new Outcome(result.Response.Text, null, result.CostNanos);
            }
            long? cost = null;
            await foreach (var update in models.Streaming.StreamAsync(request, deadline.Token))
            {
                text.Append(update.Text);
                if (text.Length > 0)
                {
                    output.TrySetResult();
                }
                if (update.AdditionalProperties?.TryGetValue("orch.cost_usd", out var usd) == true)
                {
                    cost = Money.ToNanos((decimal)usd!);
                }
            }
            return new Outcome(text.ToString(), null, cost);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            Assert.Fail($"the call hung: still going after {Hang.TotalSeconds} s, with a {TimeoutSeconds} s provider timeout");
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !deadline.IsCancellationRequested)
        {
            return new Outcome(text.ToString(), ex, null);
        }
    }

    /// <summary>The gateway's own error, saying which provider failed, how, and whether another try later may succeed.</summary>
    private static ModelProviderException AssertFailed(Outcome outcome, string provider, Fault fault, bool transient)
    {
        var error = Assert.IsType<ModelProviderException>(outcome.Error);
        Assert.Equal((provider, transient), (error.Provider, error.IsTransient));
        var what = fault switch
        {
            Fault.RateLimitedWithRetryAfter or Fault.RateLimited => "rate limited (429)",
            Fault.Overloaded when provider == ProviderNames.Anthropic => "overloaded (529)",
            Fault.Overloaded => "failed with 503",
            Fault.ServerError => "failed with 500",
            Fault.TimeoutBeforeHeaders or Fault.TimeoutMidStream => "timed out",
            Fault.MalformedJson => "sent an answer that could not be read",
            _ => "could not be reached or broke off",
        };
        Assert.StartsWith($"Model provider '{provider}' {what}: ", error.Message, StringComparison.Ordinal);
        return error;
    }

    /// <summary>The waits before each retry: the Retry-After asked for, else base 1 s × 2^attempt plus up to 25 %.</summary>
    private static void AssertBackoff(InstantTimeProvider time, Fault fault, int retries)
    {
        var delays = time.Delays.ToArray();
        Assert.Equal(retries, delays.Length);
        for (var i = 0; i < retries; i++)
        {
            var floor = fault == Fault.RateLimitedWithRetryAfter ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(Math.Pow(2, i));
            Assert.InRange(delays[i], floor, fault == Fault.RateLimitedWithRetryAfter ? floor : floor * 1.25);
        }
    }

    private sealed record UsageRow(string Outcome, long PromptTokens, long CompletionTokens, long CostNanos);

    /// <summary>One usage row for the call; the day, month and project spend counters (and the ledger's figures) hold
    /// exactly its cost; no reservation is left open.</summary>
    private static async Task<UsageRow> AssertChargedOnceAsync(LedgerGatewayFixture models)
    {
        var row = Assert.Single(await models.QueryAsync<UsageRow>(
            "SELECT outcome AS Outcome, prompt_tokens AS PromptTokens, completion_tokens AS CompletionTokens, cost_nanos AS CostNanos FROM usage_records"));
        var totals = await models.QueryAsync<(string, long)>("SELECT scope, spent_nanos FROM budget_totals ORDER BY scope");
        Assert.Equal(row.CostNanos == 0 ? [] : [("day", row.CostNanos), ("month", row.CostNanos), ("project", row.CostNanos)], totals);
        Assert.Equal(0L, await models.ScalarAsync<long>("SELECT COUNT(*) FROM budget_reservations"));
        var figures = await models.Budget.GetAsync(null, CancellationToken.None);
        Assert.Equal((Money.FromNanos(row.CostNanos), Money.FromNanos(row.CostNanos), 0m), (figures.DailySpentUsd, figures.MonthlySpentUsd, figures.ReservedUsd));
        return row;
    }

    /// <summary>Answers the first <paramref name="faults"/> requests with the fault, the rest with "Hello".</summary>
    private static Task<LoopbackServer> ScriptedAsync(string provider, Fault fault, int faults, Task output)
    {
        var seen = -1;
        return LoopbackServer.StartAsync(app => app.MapPost(PathOf(provider), async (HttpContext c) =>
        {
            using var body = await JsonDocument.ParseAsync(c.Request.Body, cancellationToken: c.RequestAborted);
            var streaming = body.RootElement.TryGetProperty("stream", out var stream) && stream.GetBoolean();
            if (Interlocked.Increment(ref seen) < faults)
            {
                await FaultAsync(c, provider, fault, streaming, output);
            }
            else if (streaming)
            {
                await LoopbackServer.WriteStreamAsync(c, StreamType(provider), AnswerStream(provider));
            }
            else
            {
                await LoopbackServer.WriteJsonAsync(c, 200, Answer(provider));
            }
        }));
    }

    private static async Task FaultAsync(HttpContext c, string provider, Fault fault, bool streaming, Task output)
    {
        switch (fault)
        {
            case Fault.RateLimitedWithRetryAfter:
                await LoopbackServer.WriteJsonAsync(c, 429, ErrorBody(provider, 429), ("retry-after", "1"));
                break;
            case Fault.RateLimited or Fault.Overloaded or Fault.ServerError:
                var status = StatusOf(provider, fault)!.Value;
                await LoopbackServer.WriteJsonAsync(c, status, ErrorBody(provider, status));
                break;
            case Fault.TimeoutBeforeHeaders:
                await LoopbackServer.HangAsync(c);
                break;
            case Fault.TimeoutMidStream:
                await WriteBeginningAsync(c, provider, streaming);
                await LoopbackServer.HangAsync(c);
                break;
            case Fault.DroppedMidStream:
                await WriteBeginningAsync(c, provider, streaming);
                if (streaming)
                {
                    // Dropped once "Hel" has reached the caller: a reset any sooner may discard it unread.
                    await output.WaitAsync(TimeSpan.FromSeconds(5), c.RequestAborted);
                }
                c.Abort();
                break;
            case Fault.MalformedJson when streaming:
                await LoopbackServer.WriteStreamAsync(c, StreamType(provider), [MalformedEvent(provider)]);
                break;
            case Fault.MalformedJson:
                await LoopbackServer.WriteJsonAsync(c, 200, Answer(provider)[..(Answer(provider).Length / 2)]);
                break;
        }
    }

    /// <summary>Headers and the first piece of the answer: the stream up to "Hel", or half the JSON body.</summary>
    private static Task WriteBeginningAsync(HttpContext c, string provider, bool streaming) =>
        streaming
            ? LoopbackServer.WriteStreamAsync(c, StreamType(provider), AnswerStream(provider).Take(FirstPieceEnd(provider)))
            : LoopbackServer.WriteStreamAsync(c, "application/json", [Answer(provider)[..(Answer(provider).Length / 2)]]);

    private static int? StatusOf(string provider, Fault fault) => fault switch
    {
        Fault.RateLimitedWithRetryAfter or Fault.RateLimited => 429,
        Fault.Overloaded => provider == ProviderNames.Anthropic ? 529 : 503,
        Fault.ServerError => 500,
        _ => null,
    };

    private static string PathOf(string provider) => provider switch
    {
        ProviderNames.Anthropic => "/v1/messages",
        ProviderNames.Ollama => "/api/chat",
        _ => "/v1/chat/completions",
    };

    private static string StreamType(string provider) => provider == ProviderNames.Ollama ? "application/x-ndjson" : "text/event-stream";

    /// <summary>The good answer: "Hello", 10 prompt tokens, 5 output tokens.</summary>
    private static string Answer(string provider) => provider switch
    {
        ProviderNames.Anthropic => AnthropicWire.TextMessage("Hello", 10, 5, model: "claude-haiku-4-5-20251001"),
        ProviderNames.Ollama => OllamaWire.Done("Hello", 10, 5),
        _ => OpenAIWire.Completion("""{"role":"assistant","content":"Hello"}""", "stop", 10, 5, 0),
    };

    /// <summary>The same answer streamed as "Hel" and "lo".</summary>
    private static string[] AnswerStream(string provider) => provider switch
    {
        ProviderNames.Anthropic => [.. AnthropicWire.TextStream(["Hel", "lo"], 10, 5)],
        ProviderNames.Ollama => [.. OllamaWire.TextStream(["Hel", "lo"], 10, 5)],
        _ => [.. OpenAIWire.TextStream(["Hel", "lo"], 10, 5)],
    };

    /// <summary>How many events of <see cref="AnswerStream"/> carry the stream up to and including "Hel".</summary>
    private static int FirstPieceEnd(string provider) => provider switch
    {
        ProviderNames.Anthropic => 4, // message_start, content_block_start, ping, "Hel"
        ProviderNames.Ollama => 1,
        _ => 2, // the role, "Hel"
    };

    private static string MalformedEvent(string provider) => provider switch
    {
        ProviderNames.Anthropic => AnthropicWire.Event("message_start", """{"type":"message_start","message":{"id":"msg_stream_1","type":"mess"""),
        ProviderNames.Ollama => """{"model":"qwen2.5-coder:14b","created_at":"2024-07-22T20:33:28Z","message":{"role":"assis""" + "\n",
        _ => """data: {"id":"chatcmpl-1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"role":"assis""" + "\n\n",
    };

    private static string ErrorBody(string provider, int status) => (provider, status) switch
    {
        (ProviderNames.Anthropic, 429) => AnthropicWire.Error("rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit"),
        (ProviderNames.Anthropic, 529) => AnthropicWire.Error("overloaded_error", "Overloaded"),
        (ProviderNames.Anthropic, _) => AnthropicWire.Error("api_error", "Internal server error"),
        (ProviderNames.Ollama, 429) => OllamaWire.Error("too many requests"),
        (ProviderNames.Ollama, 503) => OllamaWire.Error("server busy, please try again.  maximum pending requests exceeded"),
        (ProviderNames.Ollama, _) => OllamaWire.Error("llama runner process has terminated: exit status 2"),
        (_, 429) => OpenAIWire.Error("requests", "rate_limit_exceeded", "Rate limit reached for requests"),
        _ => OpenAIWire.Error("server_error", "server_error", "The server had an error while processing your request. Sorry about that!"),
    };
}
