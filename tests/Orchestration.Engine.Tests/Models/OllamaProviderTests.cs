using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Orchestration.Core.Configuration;
using Orchestration.Core.Domain;
using Orchestration.Engine.Models;
using Orchestration.Engine.Tests.Fakes;

namespace Orchestration.Engine.Tests.Models;

/// <summary>The Ollama provider through OllamaSharp against a loopback server speaking /api/chat and /api/embed.</summary>
public sealed class OllamaProviderTests
{
    private static OrchestrationConfig Config(params (string Name, string Url)[] hosts)
    {
        var config = GatewayFixture.Anthropic("http://127.0.0.1:1");
        config.Ollama.Hosts = hosts.ToDictionary(h => h.Name, h => h.Url);
        return config;
    }

    private static ModelRequest Request(ChatOptions? options = null, params ChatMessage[] messages) =>
        new(GatewayFixture.Context(), ModelTier.Ollama, null,
            messages.Length > 0 ? messages : [new(ChatRole.System, "Be brief."), new(ChatRole.User, "Say hi")],
            options ?? new ChatOptions { MaxOutputTokens = 300 });

    [Fact]
    public async Task Chat_sends_the_model_and_messages_and_is_free_but_recorded()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/api/chat", (HttpContext c) =>
            LoopbackServer.WriteJsonAsync(c, 200, OllamaWire.Done("Hi there"))));
        await using var models = new GatewayFixture(Config(("local", server.BaseUrl)));

        var result = await models.Gateway.CompleteAsync(Request(), TestContext.Current.CancellationToken);

        var sent = Assert.Single(server.Requests);
        Assert.Equal("/api/chat", sent.Path);
        var body = sent.Json;
        Assert.Equal("qwen2.5-coder:14b", body.GetProperty("model").GetString());
        Assert.False(body.GetProperty("stream").GetBoolean());
        var messages = body.GetProperty("messages");
        Assert.Equal(("system", "Be brief."), (messages[0].GetProperty("role").GetString(), messages[0].GetProperty("content").GetString()));
        Assert.Equal(("user", "Say hi"), (messages[1].GetProperty("role").GetString(), messages[1].GetProperty("content").GetString()));
        Assert.Equal(300, body.GetProperty("options").GetProperty("num_predict").GetInt32());
        Assert.DoesNotContain("orch.", sent.Body, StringComparison.Ordinal);

        Assert.Equal("Hi there", result.Response.Text);
        Assert.Equal(("ollama", "qwen2.5-coder:14b", 26L, 12L, 0L), (result.Provider, result.Model, result.PromptTokens, result.CompletionTokens, result.CostNanos));
        Assert.Equal(0m, Assert.Single(models.Ledger.Reserved).Amount);
        var (_, usage) = Assert.Single(models.Ledger.Settled);
        Assert.Equal(("ollama", 26L, 12L, 0m), (usage.Provider, usage.PromptTokens, usage.CompletionTokens, usage.CostUsd));
    }

    [Fact]
    public async Task Streaming_reads_the_ndjson_chunks()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/api/chat", (HttpContext c) =>
            LoopbackServer.WriteStreamAsync(c, "application/x-ndjson", OllamaWire.TextStream(["Hel", "lo ", "world"]))));
        await using var models = new GatewayFixture(Config(("local", server.BaseUrl)));

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in models.Streaming.StreamAsync(Request(), TestContext.Current.CancellationToken))
        {
            updates.Add(update);
        }

        Assert.True(Assert.Single(server.Requests).Json.GetProperty("stream").GetBoolean());
        Assert.Equal("Hello world", string.Concat(updates.Select(u => u.Text)));
        var (_, usage) = Assert.Single(models.Ledger.Settled);
        Assert.Equal((26L, 12L, "ok"), (usage.PromptTokens, usage.CompletionTokens, usage.Outcome));
    }

    [Fact]
    public async Task Tool_calls_are_offered_and_parsed()
    {
        const string toolCall =
            """{"model":"qwen2.5-coder:14b","created_at":"2024-07-22T20:33:28Z","message":{"role":"assistant","content":"","tool_calls":[{"function":{"name":"search_knowledge","arguments":{"query":"retry policy"}}}]},"done":true,"done_reason":"stop","prompt_eval_count":80,"eval_count":20}""";
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/api/chat", (HttpContext c) => LoopbackServer.WriteJsonAsync(c, 200, toolCall)));
        await using var models = new GatewayFixture(Config(("local", server.BaseUrl)));
        var search = AIFunctionFactory.Create((string query) => "unused", "search_knowledge", "Search the knowledge base.");

        var result = await models.Gateway.CompleteAsync(Request(new ChatOptions { Tools = [search] }, new ChatMessage(ChatRole.User, "find it")), TestContext.Current.CancellationToken);

        var call = Assert.Single(result.Response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal(("search_knowledge", "retry policy"), (call.Name, call.Arguments!["query"]!.ToString()));
        var tool = Assert.Single(Assert.Single(server.Requests).Json.GetProperty("tools").EnumerateArray());
        Assert.Equal("function", tool.GetProperty("type").GetString());
        Assert.Equal("search_knowledge", tool.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("string", tool.GetProperty("function").GetProperty("parameters").GetProperty("properties").GetProperty("query").GetProperty("type").GetString());
    }

    [Fact]
    public async Task An_unreachable_host_hands_the_call_to_the_next_host()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/api/chat", (HttpContext c) =>
            LoopbackServer.WriteJsonAsync(c, 200, OllamaWire.Done("from the second host"))));
        await using var models = new GatewayFixture(Config(("dead", "http://127.0.0.1:1"), ("live", server.BaseUrl)));

        var result = await models.Gateway.CompleteAsync(Request(), TestContext.Current.CancellationToken);

        Assert.Equal("from the second host", result.Response.Text);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Embeddings_use_api_embed_with_the_embed_model()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/api/embed", (HttpContext c) =>
            LoopbackServer.WriteJsonAsync(c, 200, """{"model":"nomic-embed-text","embeddings":[[0.1,0.2,0.3],[0.4,0.5,0.6]],"total_duration":14143917,"load_duration":1019500,"prompt_eval_count":8}""")));
        await using var models = new GatewayFixture(Config(("local", server.BaseUrl)));
        var embeddings = models.Get<IEmbeddingGenerator<string, Embedding<float>>>();

        var vectors = await embeddings.GenerateAsync(["first chunk", "second chunk"], cancellationToken: TestContext.Current.CancellationToken);

        var body = Assert.Single(server.Requests).Json;
        Assert.Equal("nomic-embed-text", body.GetProperty("model").GetString());
        Assert.Equal(["first chunk", "second chunk"], body.GetProperty("input").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(2, vectors.Count);
        Assert.Equal([0.4f, 0.5f, 0.6f], vectors[1].Vector.ToArray());
    }
}
