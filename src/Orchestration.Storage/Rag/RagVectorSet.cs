namespace Orchestration.Storage.Rag;

/// <summary>
/// Every chunk's embedding in one flat array: the vector of <c>ChunkIds[i]</c> is
/// <c>Vectors[(i * Dimensions)..((i + 1) * Dimensions)]</c>.
/// </summary>
public sealed record RagVectorSet(RagIndexVersion Version, RagEmbedderStamp? Embedder, long[] ChunkIds, float[] Vectors, int Dimensions)
{
    public ReadOnlySpan<float> VectorAt(int index) => Vectors.AsSpan(index * Dimensions, Dimensions);
}
