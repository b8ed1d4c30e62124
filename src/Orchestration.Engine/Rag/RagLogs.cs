using Microsoft.Extensions.Logging;

namespace Orchestration.Engine.Rag;

/// <summary>Log messages of the knowledge databases. Never document text or queries above Debug.</summary>
internal static partial class RagLogs
{
    [LoggerMessage(EventId = 7501, Level = LogLevel.Information,
        Message = "Knowledge database {Database}: added {Added} documents ({Chunks} chunks), skipped {Skipped}, in {ElapsedMs} ms")]
    public static partial void Ingested(ILogger logger, string database, int added, int chunks, int skipped, long elapsedMs);

    [LoggerMessage(EventId = 7502, Level = LogLevel.Debug,
        Message = "Knowledge search in {Database} ({Mode}, top {TopK}): {Hits} hits in {ElapsedMs} ms")]
    public static partial void Searched(ILogger logger, string database, RagSearchMode mode, int topK, int hits, long elapsedMs);

    [LoggerMessage(EventId = 7503, Level = LogLevel.Warning,
        Message = "Knowledge database {Database} refused: it was built by {Stored}, the configured embedder is {Configured}")]
    public static partial void EmbedderMismatch(ILogger logger, string database, string stored, string configured);

    [LoggerMessage(EventId = 7504, Level = LogLevel.Information,
        Message = "Knowledge databases use the embedder {Embedder} ({Dimensions} dimensions): {Databases}")]
    public static partial void Configured(ILogger logger, string embedder, int dimensions, string databases);

    [LoggerMessage(EventId = 7505, Level = LogLevel.Information,
        Message = "Knowledge database {Database}: source {Source} replaced: {Added} documents added, {Unchanged} unchanged, {Removed} removed")]
    public static partial void Reindexed(ILogger logger, string database, string source, int added, int unchanged, int removed);

    [LoggerMessage(EventId = 7506, Level = LogLevel.Information,
        Message = "Knowledge database {Database}: HNSW index built ({Added} vectors added, {Count} in all) in {ElapsedMs} ms")]
    public static partial void IndexBuilt(ILogger logger, string database, long added, long count, long elapsedMs);

    [LoggerMessage(EventId = 7507, Level = LogLevel.Warning,
        Message = "Knowledge database {Database}: its HNSW index no longer matches the database ({Count} vectors); rebuilding it")]
    public static partial void IndexRebuilt(ILogger logger, string database, long count);

    [LoggerMessage(EventId = 7508, Level = LogLevel.Error, Message = "Knowledge database {Database}: the HNSW index could not be built or saved")]
    public static partial void IndexBuildFailed(ILogger logger, string database, Exception exception);
}
