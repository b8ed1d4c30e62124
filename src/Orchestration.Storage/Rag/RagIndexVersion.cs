namespace Orchestration.Storage.Rag;

/// <summary>Chunk count and highest chunk id: chunks are only ever appended, so this changes with every write.</summary>
public readonly record struct RagIndexVersion(long ChunkCount, long MaxChunkId);
