namespace Orchestration.Storage.Rag;

/// <summary>
/// The database's vectors were built by another embedder (or dimension) than the one asked to add to or search it.
/// Vectors of two models are not comparable, so the database refuses to mix them.
/// </summary>
public sealed class RagEmbedderMismatchException(string database, RagEmbedderStamp stored, RagEmbedderStamp requested)
    : Exception(stored.Name == RagEmbedderStamp.External
        ? $"The external knowledge database '{database}' holds {stored.Dimensions}-dimension vectors, but the configured embedder " +
          $"'{requested.Name}' makes {requested.Dimensions}-dimension ones. Configure the model that built it: 'rag.embedder': 'ollama' " +
          "with its model in 'ollama.embed_model' and its size in 'rag.embed_dimensions'."
        : $"The knowledge database '{database}' was built with the embedder '{stored.Name}' ({stored.Dimensions} dimensions), " +
          $"but the configured embedder is '{requested.Name}' ({requested.Dimensions} dimensions). Vectors of different embedders " +
          $"cannot be mixed: set 'rag.embedder' back, or point 'rag.databases.{database}' at a new file and ingest again.")
{
    public string Database { get; } = database;
    public RagEmbedderStamp Stored { get; } = stored;
    public RagEmbedderStamp Requested { get; } = requested;
}
