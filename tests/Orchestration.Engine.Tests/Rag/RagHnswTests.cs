using Microsoft.Extensions.DependencyInjection;
using Orchestration.Engine.Rag;
using Orchestration.Storage.Rag;

namespace Orchestration.Engine.Tests.Rag;

/// <summary>The HNSW index of a database past <c>rag.ann_min_chunks</c>: same answers as exact search, follows
/// additions and removals, persists beside the database and is rebuilt when it no longer matches it.</summary>
public sealed class RagHnswTests
{
    private const int Dimensions = 32;
    private static readonly RagEmbedderStamp Stamp = new("test/clustered", Dimensions);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static RagHarness Harness(string? dataDir = null, bool keepFiles = false, long annMinChunks = 1) =>
        new(new WordHashEmbeddings(Dimensions).Embedder(Stamp.Name), dataDir, c => c.Rag.AnnMinChunks = annMinChunks, keepFiles: keepFiles);

    /// <summary>Unit vectors around 40 random centres, like embeddings of texts on a few dozen topics.</summary>
    private static float[][] Clustered(int count, int seed)
    {
        var random = new Random(seed);
        var centres = Enumerable.Range(0, 40).Select(_ => Enumerable.Range(0, Dimensions).Select(_ => random.NextSingle() * 2 - 1).ToArray()).ToArray();
        return [.. Enumerable.Range(0, count).Select(_ =>
        {
            var centre = centres[random.Next(centres.Length)];
            var v = centre.Select(c => c + (random.NextSingle() * 2 - 1) * 0.6f).ToArray();
            var norm = MathF.Sqrt(v.Sum(x => x * x));
            return v.Select(x => x / norm).ToArray();
        })];
    }

    private static async Task AddAsync(RagHarness rag, string source, float[][] vectors)
    {
        var documents = vectors.Chunk(100).Select((batch, d) => new NewRagDocument(
            $"{source}-{d}", source, null, $"{source} document {d}", null, $"{source}-hash-{d}", 0,
            [.. batch.Select((v, i) => new NewRagChunk($"{source} {d}.{i}", v))])).ToList();
        await rag.Store.AddAsync("docs", Stamp, documents, Ct);
    }

    private static Task<IReadOnlyList<(long ChunkId, double Score)>> SearchAsync(RagHarness rag, float[] query, int k = 10) =>
        rag.Services.GetRequiredService<VectorIndex>().SearchAsync("docs", Stamp, query, k, Ct);

    private static async Task<IReadOnlyList<long>> ExactAsync(RagHarness rag, float[] query, int k = 10)
    {
        await using var exact = Harness(rag.DataDir, keepFiles: true, annMinChunks: long.MaxValue);
        return [.. (await SearchAsync(exact, query, k)).Select(h => h.ChunkId)];
    }

    [Fact]
    public async Task Hnsw_answers_what_exact_search_answers_and_the_list_says_which_index_is_used()
    {
        await using var rag = Harness();
        var vectors = Clustered(3_000, seed: 1);
        await AddAsync(rag, "bulk", vectors);
        var queries = Clustered(20, seed: 2);

        var recall = 0.0;
        foreach (var query in queries)
        {
            var hnsw = (await SearchAsync(rag, query)).Select(h => h.ChunkId).ToHashSet();
            recall += (await ExactAsync(rag, query)).Count(hnsw.Contains) / 10.0;
        }
        var listed = (await rag.Catalog.ListAsync(Ct)).Single(d => d.Name == "docs");

        Assert.True(recall / queries.Length >= 0.95, $"recall@10 {recall / queries.Length}");
        Assert.Equal(("hnsw", RagIndexStatus.Ready, (double?)null), (listed.IndexKind, listed.IndexStatus, listed.IndexProgress));
        Assert.Equal("exact", (await rag.Catalog.ListAsync(Ct)).Single(d => d.Name == "notes").IndexKind);
    }

    [Fact]
    public async Task The_index_follows_additions_and_removals()
    {
        await using var rag = Harness();
        var first = Clustered(500, seed: 3);
        await AddAsync(rag, "first", first);
        await SearchAsync(rag, first[0]);

        var second = Clustered(300, seed: 4);
        await AddAsync(rag, "second", second);
        var added = await SearchAsync(rag, second[7], 1);
        var removed = await rag.Catalog.DeleteSourceAsync("docs", "first", Ct);
        var afterRemoval = await SearchAsync(rag, first[0], 10);

        Assert.Equal(1.0, added[0].Score, 3);
        Assert.Equal(500, removed.ChunkIds.Count);
        Assert.All(afterRemoval, h => Assert.DoesNotContain(h.ChunkId, removed.ChunkIds));
        Assert.Equal(await ExactAsync(rag, first[0]), afterRemoval.Select(h => h.ChunkId));
    }

    [Fact]
    public async Task The_index_survives_a_restart_and_is_rebuilt_when_another_server_changed_the_database()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "orch-rag-hnsw-tests", Guid.NewGuid().ToString("N"));
        var vectors = Clustered(1_000, seed: 5);
        await using (var rag = Harness(dataDir, keepFiles: true))
        {
            await AddAsync(rag, "bulk", vectors);
            await SearchAsync(rag, vectors[0]);
        }
        var file = Path.Combine(dataDir, "rag", "docs.db.hnsw");
        var saved = File.GetLastWriteTimeUtc(file);

        await using (var reopened = Harness(dataDir, keepFiles: true))
        {
            Assert.Equal(1.0, (await SearchAsync(reopened, vectors[42], 1))[0].Score, 3);
        }
        // Unchanged database: the index was loaded, not rebuilt (a rebuild saves it again).
        Assert.Equal(saved, File.GetLastWriteTimeUtc(file));

        // Another server sharing the file removes chunks 1-100 (the first document).
        await using (var other = Harness(dataDir, keepFiles: true, annMinChunks: long.MaxValue))
        {
            Assert.Equal(100, (await other.Catalog.DeleteDocumentAsync("docs", "bulk-0", Ct)).ChunkIds.Count);
        }
        await using var rebuilt = Harness(dataDir);
        var hits = await SearchAsync(rebuilt, vectors[10], 10);

        Assert.All(hits, h => Assert.True(h.ChunkId > 100));
        Assert.Equal(await ExactAsync(rebuilt, vectors[10]), hits.Select(h => h.ChunkId));
    }

    [Fact]
    public async Task A_large_backlog_is_indexed_in_the_background_while_searches_stay_exact()
    {
        await using var rag = Harness();
        var vectors = Clustered(12_000, seed: 6);
        await AddAsync(rag, "bulk", vectors);

        var during = await SearchAsync(rag, vectors[5]);
        var building = (await rag.Catalog.ListAsync(Ct)).Single(d => d.Name == "docs");
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while ((await rag.Catalog.ListAsync(Ct)).Single(d => d.Name == "docs").IndexStatus == RagIndexStatus.Building && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, Ct);
        }

        Assert.Equal(await ExactAsync(rag, vectors[5]), during.Select(h => h.ChunkId));
        Assert.True(building.IndexStatus == RagIndexStatus.Ready || building.IndexProgress is >= 0 and <= 1, "progress while building");
        Assert.Equal(RagIndexStatus.Ready, (await rag.Catalog.ListAsync(Ct)).Single(d => d.Name == "docs").IndexStatus);
        Assert.Equal(1.0, (await SearchAsync(rag, vectors[11_999], 1))[0].Score, 3);
    }
}
