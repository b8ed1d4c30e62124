using System.Text.Json;

namespace Orchestration.Server.Rag;

/// <summary>A knowledge database: <c>index_kind</c> is exact or hnsw; <c>index_progress</c> (0 to 1) the share of chunks its
/// HNSW index holds while <c>index_status</c> is building because of it, otherwise null; <c>external</c>: a file in the
/// original product's layout, which is only read.</summary>
public sealed record RagDatabaseDto(
    string Name, bool Exists, string IndexStatus, long ChunkCount, long SourceCount, long FileSizeBytes, List<RagSourceDto> Sources,
    long DocumentCount, string? Embedder, int? Dimensions, string IndexKind, double? IndexProgress, bool External);

/// <summary>A source with its number of documents (<c>count</c>) and of chunks.</summary>
public sealed record RagSourceDto(string Source, long Count, long ChunkCount);

public sealed record RagDocumentPageDto(long Total, List<RagDocumentDto> Items);

/// <summary>A listed document; <c>content_hash</c> identifies its content (see RagContentHash; null in an external database).</summary>
public sealed record RagDocumentDto(string Id, string? TypeName, string Source, string TextPreview, int ChunkCount, double CreatedAt, string? ContentHash);

public sealed record AddRagDocumentsRequest(List<AddRagDocumentItem>? Documents);

public sealed record AddRagDocumentItem(string? Source, string? Text, string? TypeName, JsonElement? Metadata);

public sealed record AddRagDocumentsResponse(int Added, int Skipped, int Chunks);

public sealed record RagSearchRequest(string? Query, int? TopK, string? Mode);

/// <summary>A search hit: <c>id</c> is the document's, <c>chunk_index</c> which of its chunks (from 0).</summary>
public sealed record RagSearchHitDto(string Id, string Source, string? TypeName, string Text, double Score, int ChunkIndex, string Match, string? Snippet);

/// <summary>The documents a source is to hold; each item's <c>source</c> may be left out (the path names it).</summary>
public sealed record ReplaceRagSourceRequest(List<AddRagDocumentItem>? Documents);

public sealed record ReplaceRagSourceResponse(string Source, int Added, int Unchanged, int Removed, int ChunksAdded, int ChunksRemoved);

public sealed record DeleteRagDocumentsResponse(int Removed, int ChunksRemoved);
