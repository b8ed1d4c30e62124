namespace Orchestration.Storage.Rag;

/// <summary>A stored chunk with its document's source and type name. <see cref="Ordinal"/> counts from 0.</summary>
public sealed record RagChunk(long ChunkId, string DocumentId, int Ordinal, string Source, string? TypeName, string Text);
