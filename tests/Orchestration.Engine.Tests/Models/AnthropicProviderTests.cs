using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Orchestration.Core.Domain;
using Orchestration.Engine.Models;
using Orchestration.Engine.Tests.Fakes;

namespace Orchestration.Engine.Tests.Models;

/// <summary>The Anthropic provider through the official SDK against a loopback server speaking the Messages API.</summary>
public sealed class AnthropicProviderTests
{
    private static ModelRequest Request(params ChatMessage[] messages) =>
        new(GatewayFixture.Context(), ModelTier.Sonnet, null, messages, new ChatOptions { MaxOutputTokens = 512 });

    [Fact]
    public async Task Sends_key_version_model_max_tokens_and_a_cached_system_prompt_and_prices_every_token_kind()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/messages", (HttpContext c) =>
            LoopbackServer.WriteJsonAsync(c, 200, AnthropicWire.TextMessage("Done.", input: 100, output: 20, cacheWrite: 1_000, cacheRead: 500))));
        await using var models = new GatewayFixture(GatewayFixture.Anthropic(server.BaseUrl));

        var result = await models.Gateway.CompleteAsync(
            Request(new ChatMessage(ChatRole.System, "You are a careful engineer."), new ChatMessage(ChatRole.User, "Write hello.py")),
            TestContext.Current.CancellationToken);

        var sent = Assert.Single(server.Requests);
        Assert.Equal("POST", sent.Method);
        Assert.Equal("/v1/messages", sent.Path);
        Assert.Equal("sk-ant-test-key", sent.Header("x-api-key"));
        Assert.Null(sent.Header("authorization"));
        // The SDK pins the API version it speaks (a date).
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", sent.Header("anthropic-version"));
        var body = sent.Json;
        Assert.Equal("claude-sonnet-4-6", body.GetProperty("model").GetString());
        Assert.Equal(512, body.GetProperty("max_tokens").GetInt32());
        var system = body.GetProperty("system");
        var lastSystem = system.ValueKind == JsonValueKind.Array ? system[system.GetArrayLength() - 1] : default;
        Assert.Equal("You are a careful engineer.", lastSystem.GetProperty("text").GetString());
        Assert.Equal("ephemeral", lastSystem.GetProperty("cache_control").GetProperty("type").GetString());
        var message = Assert.Single(body.GetProperty("messages").EnumerateArray());
        Assert.Equal("user", message.GetProperty("role").GetString());
        Assert.Contains("Write hello.py", message.GetProperty("content").GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("orch.", sent.Body, StringComparison.Ordinal);
        Assert.False(body.TryGetProperty("stream", out var stream) && stream.GetBoolean());
        Assert.False(body.TryGetProperty("thinking", out _), "no extended thinking unless asked for");

        Assert.Equal("Done.", result.Response.Text);
        Assert.Equal("anthropic", result.Provider);
        Assert.Equal("claude-sonnet-4-6", result.Model);
        Assert.False(result.Simulated);
        Assert.Equal(1_600, result.PromptTokens);
        Assert.Equal(20, result.CompletionTokens);
        // 100 × $3 + 20 × $15 + 1,000 × $3.75 (cache write) + 500 × $0.30 (cache read), per million tokens.
        Assert.Equal(4_500_000, result.CostNanos);

        var (reserved, usage) = Assert.Single(models.Ledger.Settled);
        Assert.True(reserved.AmountUsd >= 512 * 15m / 1_000_000m, "the reservation covers max_tokens at the output price");
        Assert.Equal(0.0045m, usage.CostUsd);
        Assert.Equal((1_600L, 20L, 1_000L, 500L), (usage.PromptTokens, usage.CompletionTokens, usage.CacheWriteTokens, usage.CacheReadTokens));
        Assert.Equal(("anthropic", "claude-sonnet-4-6", "ok", CallPurpose.Execution), (usage.Provider, usage.Model, usage.Outcome, usage.Purpose));
        Assert.Equal(("user-1", "project-1", "task-1"), (usage.UserId, usage.ProjectId, usage.TaskId));
        Assert.Empty(models.Ledger.Open);
    }

    [Fact]
    public async Task Without_prompt_caching_no_cache_control_is_sent()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/messages", (HttpContext c) =>
            LoopbackServer.WriteJsonAsync(c, 200, AnthropicWire.TextMessage("ok", 10, 2))));
        var config = GatewayFixture.Anthropic(server.BaseUrl);
        config.Anthropic.PromptCaching = false;
        await using var models = new GatewayFixture(config);

        await models.Gateway.CompleteAsync(
            Request(new ChatMessage(ChatRole.System, "stable prefix"), new ChatMessage(ChatRole.User, "hi")), TestContext.Current.CancellationToken);

        Assert.DoesNotContain("cache_control", Assert.Single(server.Requests).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Streams_the_sse_event_sequence_and_settles_the_streamed_usage()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/messages", (HttpContext c) =>
            LoopbackServer.WriteStreamAsync(c, "text/event-stream", AnthropicWire.TextStream(["Hello", ", ", "world"], input: 25, output: 15, cacheRead: 10))));
        await using var models = new GatewayFixture(GatewayFixture.Anthropic(server.BaseUrl));

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in models.Streaming.StreamAsync(Request(new ChatMessage(ChatRole.User, "greet")), TestContext.Current.CancellationToken))
        {
            updates.Add(update);
        }

        Assert.True(Assert.Single(server.Requests).Json.GetProperty("stream").GetBoolean());
        Assert.Equal("Hello, world", string.Concat(updates.Select(u => u.Text)));
        Assert.True(updates.Count(u => u.Text.Length > 0) >= 3, "text arrives in pieces");
        var last = updates[^1].AdditionalProperties!;
        Assert.Equal("anthropic", last["orch.provider"]);
        // 25 input + 10 cache read + 15 output: 25 × 3 + 10 × 0.3 + 15 × 15 = 303 per million.
        Assert.Equal(0.000303m, last["orch.cost_usd"]);
        var (_, usage) = Assert.Single(models.Ledger.Settled);
        Assert.Equal((35L, 15L, 10L, "ok"), (usage.PromptTokens, usage.CompletionTokens, usage.CacheReadTokens, usage.Outcome));
    }

    [Fact]
    public async Task Tool_use_and_tool_result_round_trip_through_the_wire_format()
    {
        var call = 0;
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/messages", (HttpContext c) =>
            LoopbackServer.WriteJsonAsync(c, 200, Interlocked.Increment(ref call) == 1
                ? AnthropicWire.ToolUse("toolu_01A09q90qw90lq917835lq9", "read_file", """{"path":"notes/plan.md"}""")
                : AnthropicWire.TextMessage("The plan has three steps.", 500, 12))));
        await using var models = new GatewayFixture(GatewayFixture.Anthropic(server.BaseUrl));
        var readFile = AIFunctionFactory.Create((string path) => "unused", "read_file", "Read a file from the project workspace.");
        var options = new ChatOptions { MaxOutputTokens = 1024, Tools = [readFile] };
        List<ChatMessage> conversation = [new(ChatRole.User, "Summarise notes/plan.md")];

        var first = await models.Gateway.CompleteAsync(new(GatewayFixture.Context(), ModelTier.Sonnet, null, conversation, options), TestContext.Current.CancellationToken);
        var functionCall = Assert.Single(first.Response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal(("toolu_01A09q90qw90lq917835lq9", "read_file"), (functionCall.CallId, functionCall.Name));
        Assert.Equal("notes/plan.md", functionCall.Arguments!["path"]!.ToString());
        Assert.Equal(ChatFinishReason.ToolCalls, first.Response.FinishReason);

        conversation.AddRange(first.Response.Messages);
        conversation.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(functionCall.CallId, "1. plan 2. build 3. ship")]));
        var second = await models.Gateway.CompleteAsync(new(GatewayFixture.Context(), ModelTier.Sonnet, null, conversation, options), TestContext.Current.CancellationToken);
        Assert.Equal("The plan has three steps.", second.Response.Text);

        var requests = server.Requests.ToArray();
        var tool = Assert.Single(requests[0].Json.GetProperty("tools").EnumerateArray());
        Assert.Equal("read_file", tool.GetProperty("name").GetString());
        Assert.Equal("Read a file from the project workspace.", tool.GetProperty("description").GetString());
        Assert.Equal("string", tool.GetProperty("input_schema").GetProperty("properties").GetProperty("path").GetProperty("type").GetString());
        var messages = requests[1].Json.GetProperty("messages");
        Assert.Equal(3, messages.GetArrayLength());
        var toolUse = messages[1].GetProperty("content").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "tool_use");
        Assert.Equal("toolu_01A09q90qw90lq917835lq9", toolUse.GetProperty("id").GetString());
        Assert.Equal("notes/plan.md", toolUse.GetProperty("input").GetProperty("path").GetString());
        Assert.Equal("user", messages[2].GetProperty("role").GetString());
        var toolResult = Assert.Single(messages[2].GetProperty("content").EnumerateArray());
        Assert.Equal("tool_result", toolResult.GetProperty("type").GetString());
        Assert.Equal("toolu_01A09q90qw90lq917835lq9", toolResult.GetProperty("tool_use_id").GetString());
        Assert.Contains("1. plan 2. build 3. ship", toolResult.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(2, models.Ledger.Settled.Count);
    }

    [Fact]
    public async Task A_streamed_tool_use_is_assembled_from_partial_json()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/messages", (HttpContext c) =>
            LoopbackServer.WriteStreamAsync(c, "text/event-stream", AnthropicWire.ToolUseStream("toolu_stream", "write_file", "{\"path\": \"a.md\",", " \"content\": \"# A\"}"))));
        await using var models = new GatewayFixture(GatewayFixture.Anthropic(server.BaseUrl));
        var writeFile = AIFunctionFactory.Create((string path, string content) => "unused", "write_file");

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in models.Streaming.StreamAsync(
            new(GatewayFixture.Context(), ModelTier.Haiku, null, [new(ChatRole.User, "write a.md")], new ChatOptions { Tools = [writeFile] }),
            TestContext.Current.CancellationToken))
        {
            updates.Add(update);
        }

        var call = Assert.Single(updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>());
        Assert.Equal(("write_file", "a.md", "# A"), (call.Name, call.Arguments!["path"]!.ToString(), call.Arguments["content"]!.ToString()));
        Assert.Equal("claude-haiku-4-5-20251001", Assert.Single(server.Requests).Json.GetProperty("model").GetString());
        // max_tokens defaults to execution.default_max_tokens.
        Assert.Equal(4096, server.Requests.Single().Json.GetProperty("max_tokens").GetInt32());
    }
}
