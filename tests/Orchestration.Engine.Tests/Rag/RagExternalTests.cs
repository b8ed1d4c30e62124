using Orchestration.Engine.Rag;
using Orchestration.Storage.Rag;

namespace Orchestration.Engine.Tests.Rag;

/// <summary>Databases built by the original product's indexer: searched in every mode, listed as external, and never
/// written, not even beside the file.</summary>
public sealed class RagExternalTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly ExternalRagFile.Chunk[] Chunks =
    [
        new("engine-api", "Transform", "api/Transform.md", "Transform holds position rotation and scale of an object."),
        new("engine-api", "Transform", "api/Transform.md", "Transform.Rotate turns the object around an axis."),
        new("engine-api", "Rigidbody", "api/Rigidbody.md", "Rigidbody adds physics forces and gravity to an object."),
        new("manual", null, "manual/lighting.md", "Baked lighting stores light in lightmaps before the game runs."),
    ];

    private static async Task<(RagHarness Rag, string File)> OpenAsync(ExternalRagFile.Encoding encoding, long annMinChunks = 20_000, int dimensions = 64)
    {
        var embeddings = new WordHashEmbeddings(64);
        var dataDir = Path.Combine(Path.GetTempPath(), "orch-rag-external-tests", Guid.NewGuid().ToString("N"));
        var file = Path.Combine(dataDir, "original", "engine.db");
        await ExternalRagFile.CreateAsync(file, Chunks, embeddings, encoding);
        var rag = new RagHarness(new WordHashEmbeddings(dimensions).Embedder(), dataDir, c =>
        {
            c.Rag.Databases["engine"] = file;
            c.Rag.AnnMinChunks = annMinChunks;
        });
        return (rag, file);
    }

    [Theory]
    [InlineData("float32", 20_000L)]
    [InlineData("float64", 20_000L)]
    [InlineData("json", 1L)]
    public async Task Every_search_works_and_the_file_is_left_byte_for_byte_as_it_was(string encoding, long annMinChunks)
    {
        var (rag, file) = await OpenAsync(Enum.Parse<ExternalRagFile.Encoding>(encoding, ignoreCase: true), annMinChunks);
        await using var _ = rag;
        var before = ExternalRagFile.Fingerprint(file);
        var folder = Directory.GetFiles(Path.GetDirectoryName(file)!);

        var semantic = await rag.Search.SearchAsync("engine", "Rigidbody adds physics forces and gravity to an object.", 2, RagSearchMode.Semantic, Ct);
        var keyword = await rag.Search.SearchAsync("engine", "lightmaps", 3, RagSearchMode.Keyword, Ct);
        var hybrid = await rag.Search.SearchAsync("engine", "rotate transform", 3, RagSearchMode.Hybrid, Ct);
        var lookup = await rag.Search.LookupAsync("engine", "transform", 5, Ct);
        var hostile = new List<IReadOnlyList<RagHit>>();
        foreach (var query in new[] { "\"unbalanced", "NEAR(a b", "a AND OR NOT", "*", "type_name:x", "col:'; DROP TABLE chunks;--" })
        {
            hostile.Add(await rag.Search.SearchAsync("engine", query, 3, RagSearchMode.Keyword, Ct));
        }
        var listed = (await rag.Catalog.ListAsync(Ct)).Single(d => d.Name == "engine");
        var documents = await rag.Catalog.ListDocumentsAsync("engine", "engine-api", 0, 10, Ct);

        Assert.Equal(("Rigidbody", "api/Rigidbody.md", 1.0), (semantic[0].TypeName, semantic[0].DocumentId, Math.Round(semantic[0].Score, 3)));
        Assert.Equal(["manual/lighting.md"], keyword.Select(h => h.DocumentId));
        Assert.Contains("**lightmaps**", keyword[0].Snippet, StringComparison.Ordinal);
        Assert.Equal("Transform.Rotate turns the object around an axis.", hybrid[0].Text);
        Assert.Equal([RagMatch.TypeName, RagMatch.TypeName], lookup.Take(2).Select(h => h.Match));
        Assert.All(hostile, Assert.NotNull);
        Assert.True(listed.External);
        Assert.Equal((4L, 3L, 2L, "external", 64), (listed.ChunkCount, listed.DocumentCount, listed.SourceCount, listed.Embedder, listed.Dimensions));
        Assert.Equal(annMinChunks == 1 ? "hnsw" : "exact", listed.IndexKind);
        Assert.Equal((2L, 3), (documents.Total, documents.Items[0].ChunkCount + documents.Items[1].ChunkCount));
        Assert.Equal(before, ExternalRagFile.Fingerprint(file));
        Assert.Equal(folder, Directory.GetFiles(Path.GetDirectoryName(file)!));
    }

    [Fact]
    public async Task Writes_are_refused_and_change_nothing()
    {
        var (rag, file) = await OpenAsync(ExternalRagFile.Encoding.Float32);
        await using var _ = rag;
        var before = ExternalRagFile.Fingerprint(file);

        var add = await Assert.ThrowsAsync<RagReadOnlyException>(() => rag.Catalog.AddDocumentsAsync("engine", [RagHarness.Doc("s", "New.")], Ct));
        await Assert.ThrowsAsync<RagReadOnlyException>(() => rag.Catalog.ReplaceSourceAsync("engine", "manual", [], Ct));
        await Assert.ThrowsAsync<RagReadOnlyException>(() => rag.Catalog.DeleteSourceAsync("engine", "manual", Ct));
        await Assert.ThrowsAsync<RagReadOnlyException>(() => rag.Catalog.DeleteDocumentAsync("engine", "manual/lighting.md", Ct));

        Assert.Contains("only read", add.Message, StringComparison.Ordinal);
        Assert.Equal(before, ExternalRagFile.Fingerprint(file));
    }

    [Fact]
    public async Task Vectors_of_another_size_than_the_embedders_are_a_clear_problem()
    {
        var (rag, _) = await OpenAsync(ExternalRagFile.Encoding.Float32, dimensions: 32);
        await using var __ = rag;

        var error = await Assert.ThrowsAsync<RagEmbedderMismatchException>(() =>
            rag.Search.SearchAsync("engine", "transform", 3, RagSearchMode.Semantic, Ct));
        var keyword = await rag.Search.SearchAsync("engine", "transform", 3, RagSearchMode.Keyword, Ct);

        Assert.Contains("holds 64-dimension vectors", error.Message, StringComparison.Ordinal);
        Assert.Contains("rag.embed_dimensions", error.Message, StringComparison.Ordinal);
        Assert.NotEmpty(keyword);
    }
}
