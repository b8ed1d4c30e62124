namespace Orchestration.Storage.Rag;

/// <summary>Which embedder built a database's vectors, e.g. ("minilm/all-MiniLM-L6-v2", 384).</summary>
public sealed record RagEmbedderStamp(string Name, int Dimensions)
{
    /// <summary>The name standing for an external database's unknown model: only its dimensions are known.</summary>
    public const string External = "external";
}
