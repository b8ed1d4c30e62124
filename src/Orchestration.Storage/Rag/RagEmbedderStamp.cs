namespace Orchestration.Storage.Rag;

/// <summary>Which embedder built a database's vectors, e.g. ("minilm/all-MiniLM-L6-v2", 384).</summary>
public sealed record RagEmbedderStamp(string Name, int Dimensions);
