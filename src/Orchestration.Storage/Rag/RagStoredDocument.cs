namespace Orchestration.Storage.Rag;

/// <summary>A stored document's id and content hash (what a re-index compares).</summary>
public sealed record RagStoredDocument(string Id, string ContentHash);
