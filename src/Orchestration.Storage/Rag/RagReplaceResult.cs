namespace Orchestration.Storage.Rag;

/// <summary>What replacing a source did: the documents written and those removed.</summary>
public sealed record RagReplaceResult(RagWriteResult Written, RagRemoval Removed);
