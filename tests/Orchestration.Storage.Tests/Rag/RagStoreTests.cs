using Dapper;
using Microsoft.Data.Sqlite;
using Orchestration.Storage.Rag;

namespace Orchestration.Storage.Tests.Rag;

public sealed class RagStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_database_that_was_never_written_reads_as_empty_and_no_file_is_created()
    {
        await using var fixture = new RagStoreFixture();
        var store = fixture.Store;

        var stats = await store.GetStatsAsync("docs", Ct);
        var page = await store.ListDocumentsAsync("docs", null, 0, 50, Ct);
        var hits = await store.SearchKeywordsAsync("docs", FtsQuery.AnyTerm("anything")!, 5, Ct);
        var vectors = await store.LoadVectorsAsync("docs", Ct);

        Assert.False(stats.Exists);
        Assert.Equal((0, 0, 0), (stats.DocumentCount, stats.ChunkCount, stats.FileSizeBytes));
        Assert.Null(stats.Embedder);
        Assert.Equal(0, page.Total);
        Assert.Empty(hits);
        Assert.Empty(vectors.ChunkIds);
        Assert.False(File.Exists(fixture.Paths["docs"]));
        Assert.Equal(["docs", "other"], store.Databases);
    }

    [Fact]
    public async Task The_first_write_creates_the_file_in_WAL_mode_and_records_the_embedder()
    {
        await using var fixture = new RagStoreFixture();

        var result = await fixture.Store.AddAsync("other", RagStoreFixture.Stamp,
            [RagStoreFixture.Document("manual", "First page.", null, ["First", "page."], [1, 0, 0, 0], [0, 1, 0, 0])], Ct);

        Assert.Equal(new RagWriteResult(1, 0, 2), result);
        Assert.True(File.Exists(fixture.Paths["other"]));
        await using var connection = new SqliteConnection($"Data Source={fixture.Paths["other"]}");
        Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
        Assert.Equal(RagStoreFixture.Stamp, await fixture.Store.GetEmbedderAsync("other", Ct));
        var stats = await fixture.Store.GetStatsAsync("other", Ct);
        Assert.True(stats.Exists);
        Assert.Equal((1, 2), (stats.DocumentCount, stats.ChunkCount));
        Assert.True(stats.FileSizeBytes > 0);
        Assert.False(File.Exists(fixture.Paths["docs"]));
    }

    [Fact]
    public async Task Adding_the_same_content_again_is_skipped_by_its_hash()
    {
        await using var fixture = new RagStoreFixture();
        var a = RagStoreFixture.Document("guide", "Alpha text.");
        var b = RagStoreFixture.Document("guide", "Beta text.");

        var first = await fixture.Store.AddAsync("docs", RagStoreFixture.Stamp, [a, b], Ct);
        // Same content under new ids: the hash decides, so nothing is added.
        var again = await fixture.Store.AddAsync("docs", RagStoreFixture.Stamp, [a with { Id = "x1" }, b with { Id = "x2" }], Ct);
        var existing = await fixture.Store.FindExistingHashesAsync("docs", [a.ContentHash, "hash:unknown"], Ct);

        Assert.Equal(new RagWriteResult(2, 0, 2), first);
        Assert.Equal(new RagWriteResult(0, 2, 0), again);
        Assert.Equal([a.ContentHash], existing);
        Assert.Equal(2, (await fixture.Store.GetStatsAsync("docs", Ct)).ChunkCount);
    }

    [Fact]
    public async Task A_write_by_another_embedder_is_refused_and_writes_nothing()
    {
        await using var fixture = new RagStoreFixture();
        await fixture.Store.AddAsync("docs", RagStoreFixture.Stamp, [RagStoreFixture.Document("a", "One.")], Ct);

        var other = new RagEmbedderStamp("other/model", 4);
        var error = await Assert.ThrowsAsync<RagEmbedderMismatchException>(() =>
            fixture.Store.AddAsync("docs", other, [RagStoreFixture.Document("a", "Two.")], Ct));

        Assert.Equal(RagStoreFixture.Stamp, error.Stored);
        Assert.Contains("test/axes", error.Message, StringComparison.Ordinal);
        Assert.Contains("other/model", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, (await fixture.Store.GetStatsAsync("docs", Ct)).DocumentCount);
    }

    [Fact]
    public async Task An_unknown_database_name_throws()
    {
        await using var fixture = new RagStoreFixture();

        var error = await Assert.ThrowsAsync<RagDatabaseNotFoundException>(() => fixture.Store.GetStatsAsync("nope", Ct));

        Assert.Equal("nope", error.Database);
        Assert.False(fixture.Store.Contains("nope"));
    }

    [Fact]
    public async Task Documents_page_in_insertion_order_with_the_total_and_filter_by_source()
    {
        await using var fixture = new RagStoreFixture();
        var long1 = string.Join(' ', Enumerable.Repeat("lorem ipsum", 40));
        await fixture.Store.AddAsync("docs", RagStoreFixture.Stamp,
        [
            RagStoreFixture.Document("b-guide", "Second source, first doc.", "Widget"),
            RagStoreFixture.Document("a-guide", long1),
            RagStoreFixture.Document("b-guide", "Second source,\n\n  second doc."),
        ], Ct);

        var all = await fixture.Store.ListDocumentsAsync("docs", null, 0, 2, Ct);
        var rest = await fixture.Store.ListDocumentsAsync("docs", null, 2, 2, Ct);
        var onlyB = await fixture.Store.ListDocumentsAsync("docs", "b-guide", 0, 50, Ct);
        var sources = await fixture.Store.ListSourcesAsync("docs", Ct);

        Assert.Equal(3, all.Total);
        Assert.Equal(["Second source, first doc.", long1[..long1.LastIndexOf(' ', 200)] + "…"], all.Items.Select(i => i.TextPreview));
        Assert.Equal("Widget", all.Items[0].TypeName);
        Assert.Equal(3, rest.Total);
        Assert.Equal("Second source, second doc.", Assert.Single(rest.Items).TextPreview);
        Assert.Equal((2, 2), (onlyB.Total, onlyB.Items.Count));
        Assert.All(onlyB.Items, i => Assert.Equal("b-guide", i.Source));
        Assert.Equal([new RagSourceCount("a-guide", 1, 1), new RagSourceCount("b-guide", 2, 2)], sources);
    }

    [Fact]
    public async Task Vectors_round_trip_as_float32_and_chunks_come_back_in_the_order_asked()
    {
        await using var fixture = new RagStoreFixture();
        await fixture.Store.AddAsync("docs", RagStoreFixture.Stamp,
            [RagStoreFixture.Document("s", "A. B.", "T", ["A.", "B."], [0.5f, -0.25f, 0.125f, 1e-7f], [0, 0, 1, 0])], Ct);

        var set = await fixture.Store.LoadVectorsAsync("docs", Ct);
        var chunks = await fixture.Store.GetChunksAsync("docs", [set.ChunkIds[1], set.ChunkIds[0], 999], Ct);

        Assert.Equal(4, set.Dimensions);
        Assert.Equal(new RagIndexVersion(2, set.ChunkIds[1]), set.Version);
        Assert.Equal([0.5f, -0.25f, 0.125f, 1e-7f], set.VectorAt(0).ToArray());
        Assert.Equal([0f, 0f, 1f, 0f], set.VectorAt(1).ToArray());
        Assert.Equal([("B.", 1), ("A.", 0)], chunks.Select(c => (c.Text, c.Ordinal)));
        Assert.All(chunks, c => Assert.Equal(("s", "T"), (c.Source, c.TypeName)));
        Assert.Equal(set.Version, await fixture.Store.GetIndexVersionAsync("docs", Ct));
    }
}
