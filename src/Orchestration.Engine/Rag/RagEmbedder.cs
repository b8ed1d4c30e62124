using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using Orchestration.Engine.Models;
using Orchestration.Storage.Rag;

namespace Orchestration.Engine.Rag;

/// <summary>
/// The embedder the knowledge databases use (<c>rag.embedder</c>), with the stamp recorded in every database it
/// builds. Vectors are L2-normalised here whatever the model returns, and checked to have the stamped dimension.
/// </summary>
internal sealed class RagEmbedder(IEmbeddingGenerator<string, Embedding<float>> generator, RagEmbedderStamp stamp, bool embedded)
{
    /// <summary>Texts per model call: small enough that a query waits at most one batch behind a large ingest.</summary>
    public const int BatchSize = 8;

    public RagEmbedderStamp Stamp { get; } = stamp;

    /// <summary>True for the model inside the process (MiniLM); false for a remote one (Ollama).</summary>
    public bool IsEmbedded { get; } = embedded;

    public async Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var result = new float[texts.Count][];
        for (var start = 0; start < texts.Count; start += BatchSize)
        {
            var batch = texts.Skip(start).Take(BatchSize).ToList();
            GeneratedEmbeddings<Embedding<float>> embeddings;
            try
            {
                embeddings = await generator.GenerateAsync(batch, cancellationToken: cancellationToken);
            }
            catch (Exception ex) when (!IsEmbedded && !cancellationToken.IsCancellationRequested)
            {
                // Unreachable or timed out may pass (503); anything else (no such model, a 4xx) will not (502).
                var transient = ex is HttpRequestException { StatusCode: null or >= System.Net.HttpStatusCode.InternalServerError }
                    or TaskCanceledException or TimeoutException;
                throw new ModelProviderException("ollama", $"The embedder '{Stamp.Name}' failed: {ex.Message}", transient, inner: ex);
            }
            if (embeddings.Count != batch.Count)
            {
                throw new ModelProviderException(Stamp.Name, $"The embedder returned {embeddings.Count} vectors for {batch.Count} texts.", isTransient: false);
            }
            for (var i = 0; i < batch.Count; i++)
            {
                result[start + i] = Normalise(embeddings[i].Vector.ToArray());
            }
        }
        return result;
    }

    private float[] Normalise(float[] vector)
    {
        if (vector.Length != Stamp.Dimensions)
        {
            throw new ModelProviderException(Stamp.Name,
                $"The embedder '{Stamp.Name}' returned vectors of {vector.Length} dimensions, but {Stamp.Dimensions} are configured ('rag.embed_dimensions').",
                isTransient: false);
        }
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0)
        {
            TensorPrimitives.Divide(vector, norm, vector);
        }
        return vector;
    }
}
