using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.Core.Configuration;
using Orchestration.Engine.Configuration;
using Orchestration.Engine.Rag;
using Orchestration.Storage.Rag;

namespace Orchestration.Bench.Rag;

/// <summary>
/// Semantic search at scale: the HNSW index beside exact search over the same database. Part one uses
/// <c>--chunks N</c> (default 100,000) synthetic 384-dimension unit vectors clustered around 2,000 topics: build time,
/// index file size and memory, p50/p99 latency of a search (HNSW candidates re-ranked with the exact vectors read from
/// the database) and of the exact in-memory scan, and recall@10 against the exact answer. Part two measures recall@10
/// with real all-MiniLM-L6-v2 vectors of <c>--real N</c> (default 1,500) text chunks of this repository's docs and code.
/// <c>--queries N</c> (default 200) queries each.
/// </summary>
public static class AnnBench
{
    private const int Dimensions = 384, TopK = 10;
    private static readonly string[] TextFolders = ["docs", "src"];

    public static async Task<IReadOnlyList<BenchResult>> RunAsync(BenchArgs args)
    {
        var chunks = args.GetInt("chunks", 100_000);
        var queries = args.GetInt("queries", 200);
        var results = new List<BenchResult>();
        var stamp = new RagEmbedderStamp($"minilm/{MiniLmEmbeddingGenerator.ModelId}", Dimensions);
        var random = new Random(42);
        var centres = Enumerable.Range(0, 2_000).Select(_ => Unit(Enumerable.Range(0, Dimensions).Select(_ => random.NextSingle() * 2 - 1).ToArray())).ToArray();
        float[] Near(float[] centre, float spread) => Unit(centre.Select(c => c + (random.NextSingle() * 2 - 1) * spread).ToArray());

        await using var bench = new Setup(annMinChunks: 1);
        var started = Stopwatch.GetTimestamp();
        var sample = new List<float[]>();
        for (var start = 0; start < chunks; start += 10_000)
        {
            var batch = Enumerable.Range(start, Math.Min(10_000, chunks - start)).Select(_ => Near(centres[random.Next(centres.Length)], 0.08f)).ToList();
            sample.AddRange(batch.Take(queries / Math.Max(1, chunks / 10_000) + 1));
            await bench.Store.AddAsync("ann", stamp, [.. batch.Chunk(100).Select((vectors, d) => new NewRagDocument(
                $"{start:x12}{d:x6}", "synthetic", null, "synthetic", null, $"synthetic-{start}-{d}", 0,
                [.. vectors.Select(v => new NewRagChunk("c", v))]))], CancellationToken.None);
        }
        Console.Error.WriteLine($"rag ann: {chunks} chunks stored in {Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s; building the index");

        var rssBefore = RssBytes();
        started = Stopwatch.GetTimestamp();
        await bench.BuildAsync("ann", stamp);
        var build = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var indexMemory = (RssBytes() - rssBefore) / 1e6;
        results.Add(new($"rag.semantic_{chunks}.build", build, "s"));
        results.Add(new($"rag.semantic_{chunks}.index_file", new FileInfo(bench.Store.IndexPathOf("ann")).Length / 1e6, "MB"));
        results.Add(new($"rag.semantic_{chunks}.index_memory", indexMemory, "MB", Target: "≤ 1000 MB"));

        var workload = sample.Take(queries).Select(v => Near(v, 0.02f)).ToList();
        var (hnswLatency, hnswHits) = await MeasureAsync(bench, "ann", stamp, workload);
        rssBefore = RssBytes();
        await using var exact = new Setup(annMinChunks: long.MaxValue, bench.Directory);
        var (exactLatency, exactHits) = await MeasureAsync(exact, "ann", stamp, workload);
        var exactMemory = (RssBytes() - rssBefore) / 1e6;
        results.Add(new($"rag.semantic_{chunks}.query.p50", Percentile(hnswLatency, 0.5), "ms", Percentile(exactLatency, 0.5), "ms"));
        results.Add(new($"rag.semantic_{chunks}.query.p99", Percentile(hnswLatency, 0.99), "ms", Percentile(exactLatency, 0.99), "ms", "< 150 ms"));
        results.Add(new($"rag.semantic_{chunks}.exact_scan_memory", exactMemory, "MB"));
        results.Add(new($"rag.semantic_{chunks}.recall_at_10", Recall(hnswHits, exactHits), "", Target: "≥ 0.95"));

        results.AddRange(await RealRecallAsync(args.GetInt("real", 1_500), Math.Min(queries, 100)));
        return results;
    }

    /// <summary>Recall@10 of HNSW against exact search over MiniLM vectors of real text: this repository's docs and code,
    /// in chunks of about 300 characters; the queries are chunks held out of the index.</summary>
    private static async Task<IReadOnlyList<BenchResult>> RealRecallAsync(int count, int queries)
    {
        var texts = RepositoryText().Take(count + queries).ToList();
        if (texts.Count < count + queries)
        {
            Console.Error.WriteLine("rag ann: run from the repository to measure recall on real text");
            return [];
        }
        await using var hnsw = new Setup(annMinChunks: 1);
        var catalog = hnsw.Services.GetRequiredService<IRagCatalog>();
        var indexed = texts.Take(count).ToList();
        for (var start = 0; start < indexed.Count; start += 300)
        {
            await catalog.AddDocumentsAsync("ann", [.. indexed.Skip(start).Take(300).Select((t, i) => new RagDocumentInput($"repo-{start + i}", t))], CancellationToken.None);
        }
        var embedder = hnsw.Services.GetRequiredService<RagEmbedder>();
        var workload = (await embedder.EmbedAsync([.. texts.Skip(count)], CancellationToken.None)).ToList();
        var (_, hnswHits) = await MeasureAsync(hnsw, "ann", embedder.Stamp, workload);
        await using var exact = new Setup(annMinChunks: long.MaxValue, hnsw.Directory);
        var (_, exactHits) = await MeasureAsync(exact, "ann", embedder.Stamp, workload);
        return [new($"rag.semantic_minilm_{indexed.Count}.recall_at_10", Recall(hnswHits, exactHits), "", Target: "≥ 0.95")];
    }

    private static IEnumerable<string> RepositoryText()
    {
        var files = TextFolders.Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*.*", SearchOption.AllDirectories))
            .Where(f => f.EndsWith(".md", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var chunk = new System.Text.StringBuilder();
            foreach (var line in File.ReadLines(file).Select(l => l.Trim()).Where(l => l.Length > 20))
            {
                chunk.Append(line).Append(' ');
                if (chunk.Length >= 300)
                {
                    yield return chunk.ToString();
                    chunk.Clear();
                }
            }
        }
    }

    private static async Task<(List<double> Latency, List<long[]> Hits)> MeasureAsync(Setup setup, string database, RagEmbedderStamp stamp, IReadOnlyList<float[]> workload)
    {
        var index = setup.Services.GetRequiredService<VectorIndex>();
        await index.SearchAsync(database, stamp, workload[0], TopK, CancellationToken.None);
        var latency = new List<double>(workload.Count);
        var hits = new List<long[]>(workload.Count);
        foreach (var query in workload)
        {
            var started = Stopwatch.GetTimestamp();
            var found = await index.SearchAsync(database, stamp, query, TopK, CancellationToken.None);
            latency.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            hits.Add([.. found.Select(h => h.ChunkId)]);
        }
        return (latency, hits);
    }

    private static double Recall(List<long[]> found, List<long[]> exact) =>
        found.Zip(exact, (f, e) => e.Length == 0 ? 1.0 : e.Intersect(f).Count() / (double)e.Length).Average();

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * p))];
    }

    private static float[] Unit(float[] v)
    {
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        return [.. v.Select(x => x / norm)];
    }

    private static long RssBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }

    /// <summary>One database "ann" in a temp directory (or <c>directory</c>, kept), wired as the server wires it.</summary>
    private sealed class Setup : IAsyncDisposable
    {
        private readonly bool _owned;

        public Setup(long annMinChunks, string? directory = null)
        {
            _owned = directory is null;
            Directory = directory ?? System.IO.Directory.CreateTempSubdirectory("orch-bench-ann-").FullName;
            var config = new OrchestrationConfig();
            config.Server.DataDir = Directory;
            config.Rag.AnnMinChunks = annMinChunks;
            config.Rag.Databases = new() { ["ann"] = Path.Combine(Directory, "ann.db") };
            Services = new ServiceCollection().AddLogging().AddConfigSections(config).AddRagStorage(config.Rag.Databases).AddRag().BuildServiceProvider();
        }

        public string Directory { get; }
        public ServiceProvider Services { get; }
        public IRagStore Store => Services.GetRequiredService<IRagStore>();

        /// <summary>Starts the index build with a first search and waits until it is ready.</summary>
        public async Task BuildAsync(string database, RagEmbedderStamp stamp)
        {
            var index = Services.GetRequiredService<VectorIndex>();
            await index.SearchAsync(database, stamp, new float[stamp.Dimensions], 1, CancellationToken.None);
            while (index.IsBuilding(database))
            {
                await Task.Delay(200);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await Services.DisposeAsync();
            SqliteConnection.ClearAllPools();
            if (_owned)
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
        }
    }
}
