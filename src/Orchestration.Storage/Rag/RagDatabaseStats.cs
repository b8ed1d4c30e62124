namespace Orchestration.Storage.Rag;

/// <summary>
/// The state of one database file. <see cref="FileSizeBytes"/> counts the file and its write-ahead log.
/// <see cref="Embedder"/> is null until the first write.
/// </summary>
public sealed record RagDatabaseStats(
    string Name, string Path, bool Exists, long DocumentCount, long ChunkCount, long FileSizeBytes,
    RagEmbedderStamp? Embedder, IReadOnlyList<RagSourceCount> Sources);
