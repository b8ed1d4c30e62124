namespace Orchestration.Storage.Rag;

/// <summary>Chunk count and highest chunk id. Chunk ids only grow (a removed chunk's id is never given again), so
/// this changes with every write that adds or removes chunks.</summary>
public readonly record struct RagIndexVersion(long ChunkCount, long MaxChunkId);
