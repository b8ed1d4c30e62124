namespace Orchestration.Storage.Rag;

/// <summary>One page of documents and how many match in all.</summary>
public sealed record RagDocumentPage(long Total, IReadOnlyList<RagDocumentSummary> Items);
