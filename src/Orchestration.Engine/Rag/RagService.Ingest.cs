using System.Text.Json;
using Orchestration.Core.Domain;
using Orchestration.Storage.Rag;

namespace Orchestration.Engine.Rag;

internal sealed partial class RagService
{
    public async Task<RagIngestResult> AddDocumentsAsync(
        string database, IReadOnlyList<RagDocumentInput> documents, CancellationToken cancellationToken)
    {
        RequireWritable(database);
        var prepared = Prepare(documents);
        var started = time.GetTimestamp();
        _ingestsRunning.AddOrUpdate(database, 1, (_, running) => running + 1);
        try
        {
            // Checked before embedding anything, so a refused ingest costs nothing (AddAsync checks again atomically).
            RequireSameEmbedder(database, await store.GetEmbedderAsync(database, cancellationToken));

            var unique = prepared.DistinctBy(p => p.Hash).ToList();
            var stored = await store.FindExistingHashesAsync(database, [.. unique.Select(p => p.Hash)], cancellationToken);
            var rows = await EmbedAsync(unique.Where(p => !stored.Contains(p.Hash)).ToList(), cancellationToken);

            var written = await store.AddAsync(database, embedder.Stamp, rows, cancellationToken);
            RagLogs.Ingested(logger, database, written.Added, written.Chunks, documents.Count - written.Added,
                (long)time.GetElapsedTime(started).TotalMilliseconds);
            return new RagIngestResult(written.Added, documents.Count - written.Added, written.Chunks);
        }
        finally
        {
            _ingestsRunning.AddOrUpdate(database, 0, (_, running) => running - 1);
        }
    }

    /// <summary>Chunks and embeds the documents (at most <see cref="RagLimits.MaxChunksPerRequest"/> chunks in all).</summary>
    private async Task<List<NewRagDocument>> EmbedAsync(List<PreparedDocument> documents, CancellationToken cancellationToken)
    {
        var fresh = documents.Select(p => (Document: p, Chunks: TextChunker.Chunk(p.Text))).ToList();
        var chunkCount = fresh.Sum(f => f.Chunks.Count);
        if (chunkCount > RagLimits.MaxChunksPerRequest)
        {
            throw new RagRequestException("documents",
                $"These documents make {chunkCount} new chunks of up to {TextChunker.MaxChars} characters; one request may add at most {RagLimits.MaxChunksPerRequest}. Send them in smaller requests.");
        }
        var vectors = await embedder.EmbedAsync([.. fresh.SelectMany(f => f.Chunks)], cancellationToken);
        var now = time.NowEpoch();
        var next = 0;
        return fresh.Select(f => new NewRagDocument(
            Ids.New(), f.Document.Source, f.Document.TypeName, f.Document.Text, f.Document.MetadataJson, f.Document.Hash, now,
            [.. f.Chunks.Select(text => new NewRagChunk(text, vectors[next++]))])).ToList();
    }

    private sealed record PreparedDocument(string Source, string? TypeName, string Text, string? MetadataJson, string Hash);

    /// <summary>Validates every document (first problem wins) and computes its content hash.</summary>
    private static List<PreparedDocument> Prepare(IReadOnlyList<RagDocumentInput> documents, bool allowEmpty = false)
    {
        if (documents.Count == 0 && !allowEmpty)
        {
            throw new RagRequestException("documents", "'documents' must contain at least one document.");
        }
        if (documents.Count > RagLimits.MaxDocumentsPerRequest)
        {
            throw new RagRequestException("documents",
                $"'documents' may hold at most {RagLimits.MaxDocumentsPerRequest} documents per request (got {documents.Count}).");
        }
        var result = new List<PreparedDocument>(documents.Count);
        for (var i = 0; i < documents.Count; i++)
        {
            var d = documents[i];
            var at = $"documents[{i}]";
            var source = Bounded(d.Source, $"{at}.source", RagLimits.MaxSourceChars, required: true)!;
            var typeName = Bounded(d.TypeName, $"{at}.type_name", RagLimits.MaxTypeNameChars, required: false);
            var text = RagContentHash.Normalize(d.Text ?? "");
            if (text.Length == 0)
            {
                throw new RagRequestException($"{at}.text", $"'{at}.text' must not be empty.");
            }
            if (text.Length > RagLimits.MaxTextChars)
            {
                throw new RagRequestException($"{at}.text", $"'{at}.text' must be at most {RagLimits.MaxTextChars} characters (got {text.Length}).");
            }
            result.Add(new PreparedDocument(source, typeName, text, Metadata(d.Metadata, $"{at}.metadata"), RagContentHash.Of(source, typeName, text)));
        }
        return result;
    }

    private static string? Bounded(string? value, string field, int maxLength, bool required)
    {
        var trimmed = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        if (trimmed is null && required)
        {
            throw new RagRequestException(field, $"'{field}' must not be empty.");
        }
        if (trimmed?.Length > maxLength)
        {
            throw new RagRequestException(field, $"'{field}' must be at most {maxLength} characters (got {trimmed.Length}).");
        }
        return trimmed;
    }

    private static string? Metadata(JsonElement? metadata, string field)
    {
        if (metadata is not { ValueKind: not JsonValueKind.Null } value)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new RagRequestException(field, $"'{field}' must be a JSON object.");
        }
        var json = value.GetRawText();
        return json.Length <= RagLimits.MaxMetadataChars
            ? json
            : throw new RagRequestException(field, $"'{field}' must be at most {RagLimits.MaxMetadataChars} characters of JSON (got {json.Length}).");
    }
}
