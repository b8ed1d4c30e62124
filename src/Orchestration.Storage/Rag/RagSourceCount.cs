namespace Orchestration.Storage.Rag;

/// <summary>A source of documents with how many documents and chunks came from it.</summary>
public sealed record RagSourceCount(string Source, long Count, long ChunkCount);
