namespace Orchestration.Engine.Rag;

/// <summary>Documents added, documents skipped (stored already or repeated), chunks written.</summary>
public sealed record RagIngestResult(int Added, int Skipped, int Chunks);
