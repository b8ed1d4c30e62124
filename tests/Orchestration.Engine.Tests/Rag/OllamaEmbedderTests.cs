using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.Core.Configuration;
using Orchestration.Engine.Health;
using Orchestration.Engine.Models;
using Orchestration.Engine.Rag;
using Orchestration.Engine.Tests.Fakes;

namespace Orchestration.Engine.Tests.Rag;

/// <summary>rag.embedder = ollama: the embedding generator of AddModels (OllamaSharp) against a loopback /api/embed.</summary>
public sealed class OllamaEmbedderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A loopback Ollama whose /api/embed gives each input a vector of <paramref name="dimensions"/>
    /// pointing at axis (text length mod dimensions).</summary>
    private static Task<LoopbackServer> StartOllamaAsync(int dimensions) =>
        LoopbackServer.StartAsync(app => app.MapPost("/api/embed", async (HttpContext c) =>
        {
            var inputs = (await System.Text.Json.JsonDocument.ParseAsync(c.Request.Body, cancellationToken: c.RequestAborted))
                .RootElement.GetProperty("input").EnumerateArray().Select(i => i.GetString()!).ToList();
            var vectors = inputs.Select(text => "[" + string.Join(',', Enumerable.Range(0, dimensions)
                .Select(d => (d == text.Length % dimensions ? 1.0 : 0.01).ToString(CultureInfo.InvariantCulture))) + "]");
            await LoopbackServer.WriteJsonAsync(c, 200,
                $$"""{"model":"nomic-embed-text","embeddings":[{{string.Join(',', vectors)}}],"total_duration":1,"load_duration":1,"prompt_eval_count":3}""");
        }));

    private static RagHarness Harness(string ollamaUrl, int configuredDimensions) => new(
        configure: c =>
        {
            c.Rag.Embedder = RagOptions.OllamaEmbedder;
            c.Rag.EmbedDimensions = configuredDimensions;
            c.Ollama.Hosts = new() { ["local"] = ollamaUrl };
        },
        services: (s, _) => s.AddModels());

    [Fact]
    public async Task Documents_and_queries_are_embedded_by_the_ollama_embed_model()
    {
        await using var ollama = await StartOllamaAsync(8);
        await using var rag = Harness(ollama.BaseUrl, 8);

        var result = await rag.Catalog.AddDocumentsAsync("docs", [RagHarness.Doc("a", "Seven!!"), RagHarness.Doc("b", "Three")], Ct);
        var hits = await rag.Search.SearchAsync("docs", "1234567", 2, RagSearchMode.Semantic, Ct);
        var status = Assert.Single(await rag.Catalog.ListAsync(Ct), d => d.Name == "docs");

        Assert.Equal(new RagIngestResult(2, 0, 2), result);
        var sent = ollama.Requests.First();
        Assert.Equal(("POST", "/api/embed"), (sent.Method, sent.Path));
        Assert.Equal("nomic-embed-text", sent.Json.GetProperty("model").GetString());
        Assert.Equal(["Seven!!", "Three"], sent.Json.GetProperty("input").EnumerateArray().Select(i => i.GetString()));
        // The query (7 characters) points where "Seven!!" does.
        Assert.Equal("Seven!!", hits[0].Text);
        Assert.InRange(hits[0].Score, 0.99, 1.0001);
        Assert.Equal(("ollama/nomic-embed-text", 8), (status.Embedder, status.Dimensions));
    }

    [Fact]
    public async Task Vectors_of_another_size_than_configured_are_refused_and_nothing_is_stored()
    {
        await using var ollama = await StartOllamaAsync(3);
        await using var rag = Harness(ollama.BaseUrl, 768);

        var error = await Assert.ThrowsAsync<ModelProviderException>(() =>
            rag.Catalog.AddDocumentsAsync("docs", [RagHarness.Doc("a", "Text.")], Ct));

        Assert.False(error.IsTransient);
        Assert.Contains("3 dimensions", error.Message, StringComparison.Ordinal);
        Assert.Contains("rag.embed_dimensions", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await rag.Catalog.ListDocumentsAsync("docs", null, 0, 10, Ct)).Total);
    }

    [Fact]
    public async Task An_unreachable_ollama_is_a_transient_provider_error_and_an_offline_probe()
    {
        await using var rag = Harness("http://127.0.0.1:1", 768);
        var probe = rag.Services.GetServices<IServiceProbe>().OfType<EmbeddingsProbe>().Single();

        var error = await Assert.ThrowsAsync<ModelProviderException>(() =>
            rag.Catalog.AddDocumentsAsync("docs", [RagHarness.Doc("a", "Text.")], Ct));
        var status = Assert.Single(await probe.ProbeAsync(Ct));

        Assert.True(error.IsTransient);
        Assert.Equal(("embeddings", "offline", "POST /api/embed"), (status.Id, status.Status, status.Method));
        Assert.False(string.IsNullOrEmpty(status.Details["error"] as string));
    }
}
