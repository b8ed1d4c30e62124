using Orchestration.Storage.Rag;

namespace Orchestration.Engine.Rag;

/// <summary>Listing and filling the knowledge databases (the admin side of <c>/api/rag</c>).
/// Unknown names throw <see cref="RagDatabaseNotFoundException"/>.</summary>
public interface IRagCatalog
{
    IReadOnlyList<string> Databases { get; }

    bool Contains(string database);

    /// <summary>Every configured database with its state, whether or not its file exists yet.</summary>
    Task<IReadOnlyList<RagDatabaseStatus>> ListAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<RagSourceCount>> ListSourcesAsync(string database, CancellationToken cancellationToken);

    Task<RagDocumentPage> ListDocumentsAsync(string database, string? source, int offset, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Chunks, embeds and stores the documents in one transaction. A document is identified by the SHA-256 of its
    /// source, type name and text (line endings unified): one stored already, or repeated in the request, is skipped
    /// and not embedded again. Limits: <see cref="RagLimits"/>; a violation throws <see cref="RagRequestException"/>.
    /// </summary>
    Task<RagIngestResult> AddDocumentsAsync(string database, IReadOnlyList<RagDocumentInput> documents, CancellationToken cancellationToken);

    /// <summary>
    /// Makes <paramref name="source"/> hold exactly <paramref name="documents"/>: unchanged documents (same content hash)
    /// are kept without embedding them again, new and changed ones are embedded and added, and the source's other
    /// documents are removed with their chunks and vectors, all in one transaction. An empty list empties the source.
    /// </summary>
    Task<RagReindexResult> ReplaceSourceAsync(string database, string source, IReadOnlyList<RagDocumentInput> documents, CancellationToken cancellationToken);

    /// <summary>Removes every document of the source; <see cref="RagRemoval.Documents"/> is 0 when it had none.</summary>
    Task<RagRemoval> DeleteSourceAsync(string database, string source, CancellationToken cancellationToken);

    /// <summary>Removes one document; <see cref="RagRemoval.Documents"/> is 0 when no document has that id.</summary>
    Task<RagRemoval> DeleteDocumentAsync(string database, string documentId, CancellationToken cancellationToken);
}
