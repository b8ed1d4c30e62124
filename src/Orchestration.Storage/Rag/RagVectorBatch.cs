namespace Orchestration.Storage.Rag;

/// <summary>Consecutive chunks' embeddings by ascending id: the vector of <c>ChunkIds[i]</c> is
/// <c>Vectors[(i * Dimensions)..((i + 1) * Dimensions)]</c>.</summary>
public sealed record RagVectorBatch(long[] ChunkIds, float[] Vectors, int Dimensions)
{
    public ReadOnlySpan<float> VectorAt(int index) => Vectors.AsSpan(index * Dimensions, Dimensions);
}
