using Dapper;
using Microsoft.Data.Sqlite;
using Orchestration.Engine.Rag;

namespace Orchestration.Engine.Tests.Rag;

/// <summary>Replacing a source, removing a source or a document: what is kept, embedded again and removed.</summary>
public sealed class RagReindexTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Replacing_a_source_keeps_unchanged_documents_reembeds_changed_ones_and_removes_vanished_ones()
    {
        var embeddings = new WordHashEmbeddings();
        await using var rag = new RagHarness(embeddings.Embedder());
        await rag.Catalog.AddDocumentsAsync("docs",
        [
            RagHarness.Doc("manual/a.md", "Scheduler dispatches ready tasks."),
            RagHarness.Doc("manual/a.md", "Quasar telemetry is obsolete."),
            RagHarness.Doc("manual/a.md", "Budgets are reserved before calls."),
            RagHarness.Doc("other", "Quasar telemetry is obsolete."),
        ], Ct);
        embeddings.Embedded.Clear();

        var result = await rag.Catalog.ReplaceSourceAsync("docs", "manual/a.md",
        [
            new RagDocumentInput("", "Scheduler dispatches ready tasks."),
            new RagDocumentInput("manual/a.md", "Budgets are reserved before each model call."),
            new RagDocumentInput("", "Webhooks are signed."),
        ], Ct);

        Assert.Equal(new RagReindexResult(Added: 2, Unchanged: 1, Removed: 2, ChunksAdded: 2, ChunksRemoved: 2), result);
        Assert.Equal(["Budgets are reserved before each model call.", "Webhooks are signed."], embeddings.Embedded.Order(StringComparer.Ordinal));
        var manual = await rag.Catalog.ListDocumentsAsync("docs", "manual/a.md", 0, 50, Ct);
        Assert.Equal(["Budgets are reserved before each model call.", "Scheduler dispatches ready tasks.", "Webhooks are signed."],
            manual.Items.Select(d => d.TextPreview).Order(StringComparer.Ordinal));
        // The vanished document is gone from keyword and semantic search; the same text in another source stays.
        var keyword = await rag.Search.SearchAsync("docs", "quasar", 5, RagSearchMode.Keyword, Ct);
        Assert.Equal(["other"], keyword.Select(h => h.Source));
        var semantic = await rag.Search.SearchAsync("docs", "Quasar telemetry is obsolete.", 5, RagSearchMode.Semantic, Ct);
        Assert.DoesNotContain(semantic, h => h.Source == "manual/a.md" && h.Text.Contains("Quasar", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Replacing_with_nothing_empties_the_source_and_a_mismatched_source_is_refused()
    {
        await using var rag = new RagHarness(new WordHashEmbeddings().Embedder());
        await rag.Catalog.AddDocumentsAsync("docs", [RagHarness.Doc("s", "One."), RagHarness.Doc("s", "Two.")], Ct);

        var error = await Assert.ThrowsAsync<RagRequestException>(() =>
            rag.Catalog.ReplaceSourceAsync("docs", "s", [new RagDocumentInput("elsewhere", "Three.")], Ct));
        var emptied = await rag.Catalog.ReplaceSourceAsync("docs", "s", [], Ct);

        Assert.Equal("documents[0].source", error.Field);
        Assert.Equal(new RagReindexResult(0, 0, 2, 0, 2), emptied);
        Assert.Empty(await rag.Catalog.ListSourcesAsync("docs", Ct));
    }

    [Fact]
    public async Task Sources_and_documents_are_deleted_with_their_chunks_and_unknown_ones_remove_nothing()
    {
        await using var rag = new RagHarness(new WordHashEmbeddings().Embedder());
        await rag.Catalog.AddDocumentsAsync("docs",
            [RagHarness.Doc("a", "Alpha one.\n\nAlpha two."), RagHarness.Doc("b", "Beta."), RagHarness.Doc("b", "Gamma.")], Ct);
        var gamma = (await rag.Catalog.ListDocumentsAsync("docs", "b", 0, 50, Ct)).Items.Single(d => d.TextPreview == "Gamma.");

        var source = await rag.Catalog.DeleteSourceAsync("docs", "a", Ct);
        var document = await rag.Catalog.DeleteDocumentAsync("docs", gamma.Id, Ct);
        var unknown = await rag.Catalog.DeleteSourceAsync("docs", "nope", Ct);

        Assert.Equal((1, 1), (source.Documents, source.ChunkIds.Count));
        Assert.Equal((1, 1), (document.Documents, document.ChunkIds.Count));
        Assert.Equal(0, unknown.Documents);
        Assert.Equal([("b", 1L, 1L)], (await rag.Catalog.ListSourcesAsync("docs", Ct)).Select(s => (s.Source, s.Count, s.ChunkCount)));
        await using var connection = new SqliteConnection($"Data Source={rag.Config.Rag.Databases["docs"]}");
        Assert.Equal((1L, 1L), (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM chunks"),
            await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM chunks_fts")));
    }

    [Fact]
    public async Task A_removed_chunk_id_is_never_given_again()
    {
        await using var rag = new RagHarness(new WordHashEmbeddings().Embedder());
        await rag.Catalog.AddDocumentsAsync("docs", [RagHarness.Doc("a", "First."), RagHarness.Doc("b", "Last.")], Ct);
        var before = await rag.Store.GetIndexVersionAsync("docs", Ct);

        await rag.Catalog.DeleteSourceAsync("docs", "b", Ct);
        await rag.Catalog.AddDocumentsAsync("docs", [RagHarness.Doc("c", "Next.")], Ct);

        var after = await rag.Store.GetIndexVersionAsync("docs", Ct);
        Assert.Equal(before.ChunkCount, after.ChunkCount);
        Assert.Equal(before.MaxChunkId + 1, after.MaxChunkId);
    }
}
