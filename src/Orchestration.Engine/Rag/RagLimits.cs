namespace Orchestration.Engine.Rag;

/// <summary>Bounds of one ingest or search request. The server's body limit (<c>server.max_request_body_bytes</c>,
/// 1 MiB by default) applies before any of these.</summary>
public static class RagLimits
{
    public const int MaxDocumentsPerRequest = 500;
    public const int MaxTextChars = 100_000;
    /// <summary>New chunks one request may embed (about 400 KB of text). A full 1,000-character chunk takes roughly
    /// 100 ms to embed on two idle cores, so a request stays under a minute; larger corpora go in several requests.</summary>
    public const int MaxChunksPerRequest = 400;
    public const int MaxSourceChars = 500;
    public const int MaxTypeNameChars = 200;
    public const int MaxMetadataChars = 16_384;
    public const int MaxQueryChars = 2_000;
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;
}
