namespace Orchestration.Storage.Rag;

/// <summary>
/// The knowledge databases: one SQLite file per configured name, each with documents, their chunks (text and a
/// float32 embedding) and an FTS5 index over the chunks. A file is created on its first write; reading a database
/// whose file does not exist yet answers as an empty one. Every method throws
/// <see cref="RagDatabaseNotFoundException"/> for a name that is not configured.
/// </summary>
public interface IRagStore
{
    /// <summary>The configured database names, in configuration order.</summary>
    IReadOnlyList<string> Databases { get; }

    bool Contains(string database);

    Task<RagDatabaseStats> GetStatsAsync(string database, CancellationToken cancellationToken);

    /// <summary>Every source with its document and chunk counts, by source name.</summary>
    Task<IReadOnlyList<RagSourceCount>> ListSourcesAsync(string database, CancellationToken cancellationToken);

    /// <summary>Documents in insertion order, optionally of one source, with the total that matches.</summary>
    Task<RagDocumentPage> ListDocumentsAsync(string database, string? source, int offset, int limit, CancellationToken cancellationToken);

    /// <summary>Which of <paramref name="contentHashes"/> are stored already (to skip embedding them again).</summary>
    Task<IReadOnlySet<string>> FindExistingHashesAsync(string database, IReadOnlyCollection<string> contentHashes, CancellationToken cancellationToken);

    /// <summary>The embedder that built the database's vectors; null while it has none.</summary>
    Task<RagEmbedderStamp?> GetEmbedderAsync(string database, CancellationToken cancellationToken);

    /// <summary>
    /// Adds the documents and their chunks in one transaction; a document whose content hash is stored already is
    /// skipped. The first write records <paramref name="embedder"/>; a later write by another embedder (or dimension)
    /// throws <see cref="RagEmbedderMismatchException"/> and writes nothing.
    /// </summary>
    Task<RagWriteResult> AddAsync(string database, RagEmbedderStamp embedder, IReadOnlyList<NewRagDocument> documents, CancellationToken cancellationToken);

    /// <summary>The documents of one source (id and content hash), in insertion order.</summary>
    Task<IReadOnlyList<RagStoredDocument>> ListSourceDocumentsAsync(string database, string source, CancellationToken cancellationToken);

    /// <summary>
    /// In one transaction: removes the documents of <paramref name="source"/> whose content hash is not in
    /// <paramref name="keepHashes"/> (with their chunks), then adds <paramref name="documents"/> as <see cref="AddAsync"/> does.
    /// </summary>
    Task<RagReplaceResult> ReplaceSourceAsync(
        string database, RagEmbedderStamp embedder, string source, IReadOnlySet<string> keepHashes, IReadOnlyList<NewRagDocument> documents,
        CancellationToken cancellationToken);

    /// <summary>Removes every document of the source with its chunks.</summary>
    Task<RagRemoval> DeleteSourceAsync(string database, string source, CancellationToken cancellationToken);

    /// <summary>Removes one document with its chunks (nothing when no document has that id).</summary>
    Task<RagRemoval> DeleteDocumentAsync(string database, string documentId, CancellationToken cancellationToken);

    /// <summary>Chunks matching an FTS5 expression (build it with <see cref="FtsQuery"/>), best bm25 first.</summary>
    Task<IReadOnlyList<RagKeywordHit>> SearchKeywordsAsync(string database, string ftsQuery, int limit, CancellationToken cancellationToken);

    /// <summary>Chunks of the documents whose type_name equals <paramref name="typeName"/> (ignoring case).</summary>
    Task<IReadOnlyList<RagChunk>> FindByTypeNameAsync(string database, string typeName, int limit, CancellationToken cancellationToken);

    /// <summary>A cheap stamp that changes whenever chunks are added or removed (for caching the vectors): the chunk count
    /// is kept in rag_meta by every write (an external file's is counted once per change of the file).</summary>
    Task<RagIndexVersion> GetIndexVersionAsync(string database, CancellationToken cancellationToken);

    /// <summary>Every chunk's embedding, for an in-memory similarity scan.</summary>
    Task<RagVectorSet> LoadVectorsAsync(string database, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> embeddings of the chunks after <paramref name="afterChunkId"/>, by id (for
    /// building a vector index or scanning without holding every vector).</summary>
    Task<RagVectorBatch> ReadVectorsAfterAsync(string database, long afterChunkId, int limit, int dimensions, CancellationToken cancellationToken);

    /// <summary>The embeddings of these chunks by id (ids not found are left out).</summary>
    Task<IReadOnlyDictionary<long, float[]>> GetEmbeddingsAsync(string database, IReadOnlyList<long> chunkIds, int dimensions, CancellationToken cancellationToken);

    /// <summary>How many chunks have an id above <paramref name="afterChunkId"/> (reads only those rows).</summary>
    Task<long> CountChunksAfterAsync(string database, long afterChunkId, CancellationToken cancellationToken);

    /// <summary>The database's file path (whether or not the file exists).</summary>
    string PathOf(string database);

    /// <summary>Whether the file is in the original product's layout: such a database is only read (writes throw
    /// <see cref="RagReadOnlyException"/>), and its embedder is <see cref="RagEmbedderStamp.External"/>.</summary>
    bool IsExternal(string database);

    /// <summary>Where the database's HNSW index is kept: beside its file, or for an external database (never written
    /// beside) in the index folder the store was given.</summary>
    string IndexPathOf(string database);

    /// <summary>The chunks with these ids, in the order given (ids not found are left out).</summary>
    Task<IReadOnlyList<RagChunk>> GetChunksAsync(string database, IReadOnlyList<long> chunkIds, CancellationToken cancellationToken);
}
