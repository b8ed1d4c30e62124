namespace Orchestration.Storage.Rag;

/// <summary>Documents added, documents skipped as already stored, and chunks written.</summary>
public sealed record RagWriteResult(int Added, int Skipped, int Chunks);
