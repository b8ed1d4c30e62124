namespace Orchestration.Storage.Rag;

/// <summary>A full-text match: <see cref="Score"/> is −bm25 (higher is better); <see cref="Snippet"/> marks the
/// matched terms with ** and cuts long text with …</summary>
public sealed record RagKeywordHit(RagChunk Chunk, double Score, string Snippet);
