namespace Orchestration.Storage.Rag;

/// <summary>Documents removed from a database and the ids of the chunks that went with them.</summary>
public sealed record RagRemoval(int Documents, IReadOnlyList<long> ChunkIds);
