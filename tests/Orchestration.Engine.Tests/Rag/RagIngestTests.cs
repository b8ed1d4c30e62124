using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Orchestration.Engine.Rag;
using Orchestration.Storage.Rag;

namespace Orchestration.Engine.Tests.Rag;

/// <summary>Ingest mechanics with a fast stand-in embedder: idempotency, chunking, limits, status, embedder stamps.</summary>
public sealed class RagIngestTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string LongText(int sentences) =>
        string.Join(' ', Enumerable.Range(1, sentences).Select(i => $"Sentence {i} explains one more detail of the scheduler."));

    [Fact]
    public async Task Ingest_is_idempotent_by_content_and_embeds_only_new_documents()
    {
        var embeddings = new WordHashEmbeddings();
        await using var rag = new RagHarness(embeddings.Embedder());
        var first = await rag.Catalog.AddDocumentsAsync("docs",
        [
            RagHarness.Doc("guide", "Alpha paragraph.\n\nSecond paragraph."),
            RagHarness.Doc("guide", "Beta."),
            RagHarness.Doc("guide", "Beta."),            // repeated in the same request
            RagHarness.Doc("other", "Beta."),            // same text, another source: another document
        ], Ct);
        var embeddedBefore = embeddings.Embedded.Count;

        // Line endings and trailing spaces do not make a document new.
        var again = await rag.Catalog.AddDocumentsAsync("docs",
            [RagHarness.Doc("guide", "Alpha paragraph.  \r\n\r\nSecond paragraph.\r\n"), RagHarness.Doc("guide", "Beta.")], Ct);

        Assert.Equal(new RagIngestResult(3, 1, 3), first);
        Assert.Equal(new RagIngestResult(0, 2, 0), again);
        Assert.Equal(3, embeddedBefore);
        Assert.Equal(embeddedBefore, embeddings.Embedded.Count);
        Assert.Equal(3, (await rag.Catalog.ListDocumentsAsync("docs", null, 0, 50, Ct)).Total);
    }

    [Fact]
    public async Task A_long_document_is_stored_as_several_chunks_and_listed_with_its_sources()
    {
        var embeddings = new WordHashEmbeddings();
        await using var rag = new RagHarness(embeddings.Embedder());
        var metadata = JsonDocument.Parse("""{"url":"https://example.com/guide","rev":3}""").RootElement;

        var result = await rag.Catalog.AddDocumentsAsync("docs",
            [new RagDocumentInput("guide", LongText(60), "Scheduler", metadata), RagHarness.Doc("faq", "Short answer.")], Ct);
        var page = await rag.Catalog.ListDocumentsAsync("docs", "guide", 0, 10, Ct);
        var status = Assert.Single(await rag.Catalog.ListAsync(Ct), d => d.Name == "docs");

        var chunks = result.Chunks - 1;
        Assert.InRange(chunks, 4, 6);
        Assert.Equal(chunks, Assert.Single(page.Items).ChunkCount);
        Assert.Equal([new RagSourceCount("faq", 1, 1), new RagSourceCount("guide", 1, chunks)], await rag.Catalog.ListSourcesAsync("docs", Ct));
        Assert.Equal((true, RagIndexStatus.Ready, chunks + 1L, 2L, 2L), (status.Exists, status.IndexStatus, status.ChunkCount, status.SourceCount, status.DocumentCount));
        Assert.Equal(("test/word-hash", 64), (status.Embedder, status.Dimensions));
        Assert.True(status.FileSizeBytes > 0);
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(rag.DataDir, "rag", "docs.db")}");
        var stored = await connection.QuerySingleAsync<string>("SELECT metadata FROM documents WHERE source = 'guide'");
        Assert.Equal(3, JsonDocument.Parse(stored).RootElement.GetProperty("rev").GetInt32());
    }

    [Fact]
    public async Task The_listing_says_building_while_an_ingest_runs()
    {
        var gated = new GatedEmbeddings(new WordHashEmbeddings());
        await using var rag = new RagHarness(new RagEmbedder(gated, new RagEmbedderStamp("test/gated", 64), embedded: true));
        var before = Assert.Single(await rag.Catalog.ListAsync(Ct), d => d.Name == "docs");

        var ingest = rag.Catalog.AddDocumentsAsync("docs", [RagHarness.Doc("guide", "Gated text.")], Ct);
        await gated.Called.Task.WaitAsync(Ct);
        var during = Assert.Single(await rag.Catalog.ListAsync(Ct), d => d.Name == "docs");
        gated.Gate.SetResult();
        await ingest;
        var after = Assert.Single(await rag.Catalog.ListAsync(Ct), d => d.Name == "docs");

        Assert.Equal((false, RagIndexStatus.Empty, 0L), (before.Exists, before.IndexStatus, before.FileSizeBytes));
        Assert.Equal(RagIndexStatus.Building, during.IndexStatus);
        Assert.Equal((RagIndexStatus.Ready, 1L), (after.IndexStatus, after.ChunkCount));
    }

    [Fact]
    public async Task A_database_built_by_another_embedder_refuses_new_vectors_and_semantic_search_but_keeps_keyword_search()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "orch-rag-engine-tests", Guid.NewGuid().ToString("N"));
        await using (var first = new RagHarness(new WordHashEmbeddings().Embedder("test/first"), dataDir, keepFiles: true))
        {
            await first.Catalog.AddDocumentsAsync("docs", [RagHarness.Doc("guide", "The scheduler dispatches tasks.")], Ct);
        }
        var second = new WordHashEmbeddings();
        await using var rag = new RagHarness(second.Embedder("test/second"), dataDir);

        var ingest = await Assert.ThrowsAsync<RagEmbedderMismatchException>(() =>
            rag.Catalog.AddDocumentsAsync("docs", [RagHarness.Doc("guide", "Another text.")], Ct));
        await Assert.ThrowsAsync<RagEmbedderMismatchException>(() => rag.Search.SearchAsync("docs", "scheduler", null, RagSearchMode.Semantic, Ct));
        await Assert.ThrowsAsync<RagEmbedderMismatchException>(() => rag.Search.SearchAsync("docs", "scheduler", null, RagSearchMode.Hybrid, Ct));
        var keyword = await rag.Search.SearchAsync("docs", "scheduler", null, RagSearchMode.Keyword, Ct);

        Assert.Contains("'test/first' (64 dimensions)", ingest.Message, StringComparison.Ordinal);
        Assert.Contains("'test/second'", ingest.Message, StringComparison.Ordinal);
        Assert.Empty(second.Embedded);
        Assert.Single(keyword);
        Assert.Equal(1, (await rag.Catalog.ListDocumentsAsync("docs", null, 0, 10, Ct)).Total);
    }

    public static TheoryData<string, RagDocumentInput[]> BadBatches => new()
    {
        { "documents", [] },
        { "documents", [.. Enumerable.Range(0, RagLimits.MaxDocumentsPerRequest + 1).Select(i => RagHarness.Doc("s", $"Text {i}."))] },
        { "documents[1].text", [RagHarness.Doc("s", "Fine."), RagHarness.Doc("s", " \n\n ")] },
        { "documents[0].source", [RagHarness.Doc("  ", "Text.")] },
        { "documents[0].source", [RagHarness.Doc(new string('s', RagLimits.MaxSourceChars + 1), "Text.")] },
        { "documents[0].type_name", [RagHarness.Doc("s", "Text.", new string('t', RagLimits.MaxTypeNameChars + 1))] },
        { "documents[0].text", [RagHarness.Doc("s", new string('x', RagLimits.MaxTextChars + 1))] },
        { "documents[0].metadata", [new RagDocumentInput("s", "Text.", null, JsonDocument.Parse("[1,2]").RootElement)] },
        // 5 documents of 100,000 characters: about 550 chunks, over the per-request bound.
        { "documents", [.. Enumerable.Range(0, 5).Select(i => RagHarness.Doc("s", $"{i} " + LongText(1_800)[..(RagLimits.MaxTextChars - 10)]))] },
    };

    [Theory]
    [MemberData(nameof(BadBatches))]
    public async Task Bad_or_oversized_batches_are_refused_before_anything_is_embedded(string field, RagDocumentInput[] documents)
    {
        var embeddings = new WordHashEmbeddings();
        await using var rag = new RagHarness(embeddings.Embedder());

        var error = await Assert.ThrowsAsync<RagRequestException>(() => rag.Catalog.AddDocumentsAsync("docs", documents, Ct));

        Assert.Equal(field, error.Field);
        Assert.Empty(embeddings.Embedded);
        Assert.False(File.Exists(Path.Combine(rag.DataDir, "rag", "docs.db")));
    }
}
