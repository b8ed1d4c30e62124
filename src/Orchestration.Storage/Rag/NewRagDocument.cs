namespace Orchestration.Storage.Rag;

/// <summary>A document to add, already chunked and embedded. <see cref="MetadataJson"/> is a JSON object or null.</summary>
public sealed record NewRagDocument(
    string Id, string Source, string? TypeName, string Text, string? MetadataJson, string ContentHash, double CreatedAt,
    IReadOnlyList<NewRagChunk> Chunks);
