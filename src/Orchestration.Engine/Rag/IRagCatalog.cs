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
}
