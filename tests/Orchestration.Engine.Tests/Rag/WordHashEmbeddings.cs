using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Orchestration.Engine.Rag;
using Orchestration.Storage.Rag;

namespace Orchestration.Engine.Tests.Rag;

/// <summary>
/// A fast, deterministic stand-in embedder for tests about ingest mechanics (not about meaning): each lower-cased word
/// adds 1 to a dimension chosen by its hash. Records every text it was asked to embed.
/// </summary>
internal sealed class WordHashEmbeddings(int dimensions = 64) : IEmbeddingGenerator<string, Embedding<float>>
{
    public ConcurrentQueue<string> Embedded { get; } = new();

    public RagEmbedder Embedder(string name = "test/word-hash") => new(this, new RagEmbedderStamp(name, dimensions), embedded: true);

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var text in values)
        {
            Embedded.Enqueue(text);
            var vector = new float[dimensions];
            foreach (var word in text.ToLowerInvariant().Split([' ', '.', ',', '?', '!', '\n'], StringSplitOptions.RemoveEmptyEntries))
            {
                vector[(int)((uint)StableHash(word) % (uint)dimensions)] += 1;
            }
            vector[0] += 0.001f; // never the zero vector
            result.Add(new Embedding<float>(vector));
        }
        return Task.FromResult(result);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }

    private static int StableHash(string word) => word.Aggregate(17, (h, c) => unchecked((h * 31) + c));
}
