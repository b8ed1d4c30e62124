namespace Orchestration.Engine.Rag;

/// <summary>
/// Searching the knowledge databases (<c>rag.databases</c>): what the search_knowledge and lookup_type tools call.
/// Throws <see cref="Storage.Rag.RagDatabaseNotFoundException"/> for an unknown database,
/// <see cref="RagRequestException"/> for a bad argument (empty query, top_k outside 1..rag.max_top_k),
/// <see cref="Storage.Rag.RagEmbedderMismatchException"/> when a semantic search would compare vectors of another
/// embedder, and <see cref="Models.ModelProviderException"/> when the Ollama embedder is unreachable.
/// A database whose file does not exist yet answers with no hits.
/// </summary>
public interface IRagSearch
{
    /// <summary>The configured database names, in configuration order.</summary>
    IReadOnlyList<string> Databases { get; }

    /// <summary>
    /// The best <paramref name="topK"/> chunks (default <c>rag.default_top_k</c>), best first. Semantic: cosine
    /// similarity of embeddings (score −1..1). Keyword: FTS5 bm25 over any of the query's words (score = −bm25,
    /// higher is better; hits carry a snippet). Hybrid: reciprocal-rank fusion of both (score = Σ 1/(60 + rank)).
    /// </summary>
    Task<IReadOnlyList<RagHit>> SearchAsync(string database, string query, int? topK, RagSearchMode mode, CancellationToken cancellationToken);

    /// <summary>
    /// Exact lookup of a type or keyword: first the chunks of documents whose type_name equals <paramref name="term"/>
    /// (ignoring case; <see cref="RagMatch.TypeName"/>, score 1), then chunks containing the term's words as a phrase
    /// (<see cref="RagMatch.Keyword"/>, bm25), up to <paramref name="limit"/> (default <c>rag.default_top_k</c>).
    /// No embedding is computed.
    /// </summary>
    Task<IReadOnlyList<RagHit>> LookupAsync(string database, string term, int? limit, CancellationToken cancellationToken);
}
