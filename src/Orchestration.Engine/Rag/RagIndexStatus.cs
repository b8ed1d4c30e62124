namespace Orchestration.Engine.Rag;

/// <summary>empty: no chunks (or no file yet); building: an ingest is running in this server; ready: searchable.</summary>
public enum RagIndexStatus { Empty, Ready, Building }
