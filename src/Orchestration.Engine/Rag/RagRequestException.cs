namespace Orchestration.Engine.Rag;

/// <summary>A search or ingest argument breaks a rule; <see cref="Field"/> names it (query, top_k, documents, ...).</summary>
public sealed class RagRequestException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
