using Orchestration.Storage.Rag;

namespace Orchestration.Engine.Rag;

/// <summary>One configured database as listed by <c>GET /api/rag/databases</c>. <see cref="Embedder"/> and
/// <see cref="Dimensions"/> name what built its vectors (null before the first ingest). <see cref="IndexKind"/> is how
/// semantic search runs (exact or hnsw); <see cref="IndexProgress"/> the share of chunks the HNSW index holds while
/// it is being built (null otherwise). <see cref="External"/>: a file in the original product's layout, only read.</summary>
public sealed record RagDatabaseStatus(
    string Name, bool Exists, RagIndexStatus IndexStatus, long ChunkCount, long SourceCount, long FileSizeBytes,
    IReadOnlyList<RagSourceCount> Sources, long DocumentCount, string? Embedder, int? Dimensions, string IndexKind, double? IndexProgress, bool External);
