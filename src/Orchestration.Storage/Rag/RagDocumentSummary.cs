namespace Orchestration.Storage.Rag;

/// <summary>A document in a listing: its text cut to a short preview, and its content hash (null in an external database).</summary>
public sealed record RagDocumentSummary(string Id, string? TypeName, string Source, string TextPreview, int ChunkCount, double CreatedAt, string? ContentHash);
