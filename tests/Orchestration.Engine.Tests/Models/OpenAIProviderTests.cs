using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Orchestration.Core.Configuration;
using Orchestration.Core.Domain;
using Orchestration.Engine.Models;
using Orchestration.Engine.Tests.Fakes;

namespace Orchestration.Engine.Tests.Models;

/// <summary>An OpenAI-compatible server through the official OpenAI SDK: chat completions, tool calls, streaming.</summary>
public sealed class OpenAIProviderTests
{
    private static OrchestrationConfig Config(string baseUrl)
    {
        var config = new OrchestrationConfig();
        config.Providers.Default = "openai";
        config.Openai.BaseUrl = baseUrl + "/v1";
        config.Openai.ApiKey = "sk-openai-test";
        config.Openai.Models = new() { ["haiku"] = "small-model", ["sonnet"] = "big-model" };
        config.ModelPricing["small-model"] = new ModelPrice { InputPerMtok = 0.5m, OutputPerMtok = 1.5m };
        config.ModelPricing["big-model"] = new ModelPrice { InputPerMtok = 2m, OutputPerMtok = 8m };
        return config;
    }

    private static ModelRequest Request(ChatOptions? options = null, IList<ChatMessage>? messages = null) =>
        new(GatewayFixture.Context(), ModelTier.Haiku, null, messages ?? [new(ChatRole.User, "Say hi")], options ?? new ChatOptions { MaxOutputTokens = 256 });

    [Fact]
    public async Task Sends_bearer_key_model_and_limit_and_prices_cached_prompt_tokens()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/chat/completions", (HttpContext c) =>
            LoopbackServer.WriteJsonAsync(c, 200, OpenAIWire.Completion("""{"role":"assistant","content":"Hi!","refusal":null}""", "stop"))));
        await using var models = new GatewayFixture(Config(server.BaseUrl));

        var result = await models.Gateway.CompleteAsync(Request(), TestContext.Current.CancellationToken);

        var sent = Assert.Single(server.Requests);
        Assert.Equal("/v1/chat/completions", sent.Path);
        Assert.Equal("Bearer sk-openai-test", sent.Header("authorization"));
        var body = sent.Json;
        Assert.Equal("small-model", body.GetProperty("model").GetString());
        Assert.Equal(256, body.GetProperty("max_completion_tokens").GetInt32());
        Assert.Equal("user", body.GetProperty("messages")[0].GetProperty("role").GetString());
        Assert.Contains("Say hi", body.GetProperty("messages")[0].GetProperty("content").GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("orch.", sent.Body, StringComparison.Ordinal);

        Assert.Equal(("Hi!", "openai", "small-model", 100L, 5L), (result.Response.Text, result.Provider, result.Model, result.PromptTokens, result.CompletionTokens));
        // 60 uncached × $0.5 + 40 cached × $0.05 (0.1 × input) + 5 × $1.5, per million.
        Assert.Equal(39_500, result.CostNanos);
        Assert.Equal((0.0000395m, 40L), (models.Ledger.Settled.Single().Usage.CostUsd, models.Ledger.Settled.Single().Usage.CacheReadTokens));
    }

    [Fact]
    public async Task Tool_calls_round_trip_with_tool_call_ids()
    {
        var call = 0;
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/chat/completions", (HttpContext c) =>
            LoopbackServer.WriteJsonAsync(c, 200, Interlocked.Increment(ref call) == 1
                ? OpenAIWire.Completion("""{"role":"assistant","content":null,"tool_calls":[{"id":"call_abc123","type":"function","function":{"name":"write_file","arguments":"{\"path\":\"RUN.md\",\"content\":\"python hello.py\"}"}}]}""", "tool_calls")
                : OpenAIWire.Completion("""{"role":"assistant","content":"Wrote RUN.md."}""", "stop"))));
        await using var models = new GatewayFixture(Config(server.BaseUrl));
        var writeFile = AIFunctionFactory.Create((string path, string content) => "unused", "write_file", "Write a file.");
        var options = new ChatOptions { Tools = [writeFile] };
        List<ChatMessage> conversation = [new(ChatRole.User, "Write RUN.md")];

        var first = await models.Gateway.CompleteAsync(Request(options, conversation), TestContext.Current.CancellationToken);
        var functionCall = Assert.Single(first.Response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal(("call_abc123", "write_file", "RUN.md"), (functionCall.CallId, functionCall.Name, functionCall.Arguments!["path"]!.ToString()));
        conversation.AddRange(first.Response.Messages);
        conversation.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent("call_abc123", "written 15 bytes")]));
        var second = await models.Gateway.CompleteAsync(Request(options, conversation), TestContext.Current.CancellationToken);

        Assert.Equal("Wrote RUN.md.", second.Response.Text);
        var requests = server.Requests.ToArray();
        var tool = Assert.Single(requests[0].Json.GetProperty("tools").EnumerateArray());
        Assert.Equal(("function", "write_file"), (tool.GetProperty("type").GetString(), tool.GetProperty("function").GetProperty("name").GetString()));
        var messages = requests[1].Json.GetProperty("messages");
        Assert.Equal("call_abc123", messages[1].GetProperty("tool_calls")[0].GetProperty("id").GetString());
        Assert.Equal(("tool", "call_abc123"), (messages[2].GetProperty("role").GetString(), messages[2].GetProperty("tool_call_id").GetString()));
        Assert.Contains("written 15 bytes", messages[2].GetProperty("content").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Streaming_reads_chunks_and_the_usage_chunk()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/chat/completions", (HttpContext c) =>
            LoopbackServer.WriteStreamAsync(c, "text/event-stream", OpenAIWire.TextStream(["Hel", "lo"], prompt: 20, completion: 2))));
        await using var models = new GatewayFixture(Config(server.BaseUrl));

        var text = "";
        await foreach (var update in models.Streaming.StreamAsync(Request(), TestContext.Current.CancellationToken))
        {
            text += update.Text;
        }

        Assert.Equal("Hello", text);
        var body = Assert.Single(server.Requests).Json;
        Assert.True(body.GetProperty("stream").GetBoolean());
        Assert.True(body.GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
        var (_, usage) = Assert.Single(models.Ledger.Settled);
        Assert.Equal((20L, 2L, 20 * 0.5m / 1_000_000m + 2 * 1.5m / 1_000_000m), (usage.PromptTokens, usage.CompletionTokens, usage.CostUsd));
    }

    [Fact]
    public async Task A_429_with_retry_after_ms_is_retried_once_by_our_policy_not_the_sdk()
    {
        var call = 0;
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/chat/completions", (HttpContext c) =>
            Interlocked.Increment(ref call) == 1
                ? LoopbackServer.WriteJsonAsync(c, 429, OpenAIWire.Error("requests", "rate_limit_exceeded", "Rate limit reached"), ("retry-after-ms", "250"))
                : LoopbackServer.WriteJsonAsync(c, 200, OpenAIWire.Completion("""{"role":"assistant","content":"ok"}""", "stop"))));
        await using var models = new GatewayFixture(Config(server.BaseUrl));

        Assert.Equal("ok", (await models.Gateway.CompleteAsync(Request(), TestContext.Current.CancellationToken)).Response.Text);
        Assert.Equal(2, server.Requests.Count);
        Assert.Contains(TimeSpan.FromMilliseconds(250), models.Time.Delays);
    }

    [Fact]
    public async Task Exact_anthropic_model_names_map_to_the_servers_models()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/chat/completions", (HttpContext c) =>
            LoopbackServer.WriteJsonAsync(c, 200, OpenAIWire.Completion("""{"role":"assistant","content":"{\"verdict\":\"passed\",\"notes\":\"ok\"}"}""", "stop"))));
        await using var models = new GatewayFixture(Config(server.BaseUrl));

        var result = await models.Gateway.CompleteAsync(
            new(GatewayFixture.Context(CallPurpose.Verification), null, "claude-sonnet-4-6", [new(ChatRole.User, "verify")], new ChatOptions()),
            TestContext.Current.CancellationToken);

        Assert.Equal("big-model", result.Model);
        Assert.Equal("big-model", Assert.Single(server.Requests).Json.GetProperty("model").GetString());
    }
}
