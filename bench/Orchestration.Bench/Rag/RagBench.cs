using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.Core.Configuration;
using Orchestration.Engine.Configuration;
using Orchestration.Engine.Rag;
using Orchestration.Storage.Rag;

namespace Orchestration.Bench.Rag;

/// <summary>
/// The knowledge databases with the embedded MiniLM model, wired as the server wires them: model load time, ingest
/// throughput of ~1,000-character chunks, query latency per mode, and the in-memory cosine scan over a larger
/// database of synthetic vectors. Options: --docs N (ingested documents, one chunk each; default 64),
/// --vectors N (synthetic chunks for the scan; default 20000), --queries N (per mode; default 20).
/// </summary>
public static class RagBench
{
    public static async Task<IReadOnlyList<BenchResult>> RunAsync(BenchArgs args)
    {
        var docs = args.GetInt("docs", 64);
        var vectors = args.GetInt("vectors", 20_000);
        var queries = args.GetInt("queries", 20);
        var directory = Directory.CreateTempSubdirectory("orch-bench-rag-").FullName;
        var config = new OrchestrationConfig();
        config.Server.DataDir = directory;
        // The scan figure is the exact in-memory scan at any size (the HNSW index has its own figures, AnnBench).
        config.Rag.AnnMinChunks = long.MaxValue;
        config.Rag.Databases = new() { ["bench"] = Path.Combine(directory, "bench.db"), ["scan"] = Path.Combine(directory, "scan.db") };
        var services = new ServiceCollection().AddLogging().AddConfigSections(config).AddRagStorage(config.Rag.Databases).AddRag().BuildServiceProvider();
        try
        {
            var results = new List<BenchResult>();
            var catalog = services.GetRequiredService<IRagCatalog>();
            var search = services.GetRequiredService<IRagSearch>();

            var started = Stopwatch.GetTimestamp();
            await search.SearchAsync("bench", "warm up", 1, RagSearchMode.Keyword, CancellationToken.None);
            await services.GetRequiredService<RagEmbedder>().EmbedAsync(["load the model"], CancellationToken.None);
            results.Add(new("rag.model_load", Stopwatch.GetElapsedTime(started).TotalMilliseconds, "ms"));

            started = Stopwatch.GetTimestamp();
            var ingest = await catalog.AddDocumentsAsync("bench", [.. Enumerable.Range(0, docs).Select(i => new RagDocumentInput($"source-{i % 8}", Paragraph(i)))], CancellationToken.None);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            results.Add(new("rag.ingest.chunks_per_sec", ingest.Chunks / seconds, "chunks/s"));
            results.Add(new("rag.ingest.ms_per_chunk", seconds * 1000 / ingest.Chunks, "ms"));

            foreach (var mode in Enum.GetValues<RagSearchMode>())
            {
                started = Stopwatch.GetTimestamp();
                for (var q = 0; q < queries; q++)
                {
                    await search.SearchAsync("bench", $"how does component {q} recover from a failed deployment", 8, mode, CancellationToken.None);
                }
                results.Add(new($"rag.query.{mode.ToString().ToLowerInvariant()}.{docs}_chunks", Stopwatch.GetElapsedTime(started).TotalMilliseconds / queries, "ms"));
            }

            await FillSyntheticAsync(services.GetRequiredService<IRagStore>(), vectors);
            started = Stopwatch.GetTimestamp();
            await search.SearchAsync("scan", "first query loads the vectors", 8, RagSearchMode.Semantic, CancellationToken.None);
            results.Add(new($"rag.scan.first_query_with_load.{vectors}_chunks", Stopwatch.GetElapsedTime(started).TotalMilliseconds, "ms"));
            started = Stopwatch.GetTimestamp();
            for (var q = 0; q < queries; q++)
            {
                await search.SearchAsync("scan", $"query number {q}", 8, RagSearchMode.Semantic, CancellationToken.None);
            }
            results.Add(new($"rag.scan.semantic_query.{vectors}_chunks", Stopwatch.GetElapsedTime(started).TotalMilliseconds / queries, "ms"));
            return results;
        }
        finally
        {
            await services.DisposeAsync();
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static readonly string[] Words =
        ["service", "deployment", "retry", "database", "worker", "queue", "budget", "model", "token", "schedule", "failure",
         "recovery", "cache", "index", "config", "latency", "network", "storage", "event", "stream", "plan", "task"];

    /// <summary>About 950 characters of varied sentences: one chunk.</summary>
    private static string Paragraph(int seed)
    {
        var random = new Random(seed);
        var sentences = new List<string>();
        while (sentences.Sum(s => s.Length + 1) < 900)
        {
            sentences.Add($"The {Words[random.Next(Words.Length)]} of component {seed} handles {Words[random.Next(Words.Length)]} " +
                $"and {Words[random.Next(Words.Length)]} when the {Words[random.Next(Words.Length)]} changes.");
        }
        return string.Join(' ', sentences);
    }

    /// <summary>Random unit vectors stamped as the embedded model's, added straight to the store.</summary>
    private static async Task FillSyntheticAsync(IRagStore store, int count)
    {
        var random = new Random(42);
        var stamp = new RagEmbedderStamp($"minilm/{MiniLmEmbeddingGenerator.ModelId}", MiniLmEmbeddingGenerator.Dimensions);
        for (var start = 0; start < count; start += 1_000)
        {
            var batch = Enumerable.Range(start, Math.Min(1_000, count - start)).Select(i =>
            {
                var vector = new float[stamp.Dimensions];
                for (var d = 0; d < vector.Length; d++)
                {
                    vector[d] = (float)(random.NextDouble() - 0.5);
                }
                var text = $"Synthetic chunk {i}.";
                return new NewRagDocument($"{i:x32}", "synthetic", null, text, null, $"synthetic-{i}", 0, [new NewRagChunk(text, vector)]);
            }).ToList();
            await store.AddAsync("scan", stamp, batch, CancellationToken.None);
        }
    }
}
