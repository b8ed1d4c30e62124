namespace Orchestration.Engine.Rag;

/// <summary>empty: no chunks (or no file yet); building: an ingest is running in this server, or its HNSW index is
/// being built; ready: searchable through its index.</summary>
public enum RagIndexStatus { Empty, Ready, Building }
