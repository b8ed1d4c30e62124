using Dapper;
using Microsoft.Data.Sqlite;

namespace Orchestration.Storage.Rag;

/// <summary>
/// Reading a database in the original product's layout: <c>chunks(id, source, type_name, file_path, text, embedding)</c>
/// plus the FTS5 table <c>chunks_fts</c> (its rowid the chunk's id). Each file (its <c>file_path</c>, or its source when
/// that is empty) is one document; <c>chunk_index</c> is then the chunk's row id. Only ever opened read-only.
/// </summary>
internal sealed partial class SqliteRagStore
{
    private const string ExternalDocument = "COALESCE(NULLIF(c.file_path, ''), c.source)";
    private const string ExternalChunkColumns = $"c.id AS chunk_id, {ExternalDocument} AS document_id, c.id AS ordinal, c.source, c.type_name, c.text";

    private static Task<T> ReadExternalAsync<T>(RagFile file, Func<SqliteConnection, Task<T>> work, CancellationToken cancellationToken) =>
        file.ReadOnly.ReadAsync(work, cancellationToken);

    private async Task<RagDatabaseStats> ExternalStatsAsync(RagFile file, CancellationToken cancellationToken)
    {
        var counts = await ReadExternalAsync(file, connection => connection.QuerySingleAsync<CountsRow>(
            $"SELECT COUNT(DISTINCT {ExternalDocument}) AS documents, COUNT(*) AS chunks FROM chunks c"), cancellationToken);
        return new RagDatabaseStats(file.Name, file.Path, true, counts.Documents, counts.Chunks, file.SizeOnDisk(),
            await ExternalEmbedderAsync(file, cancellationToken), await ExternalSourcesAsync(file, cancellationToken));
    }

    private static Task<IReadOnlyList<RagSourceCount>> ExternalSourcesAsync(RagFile file, CancellationToken cancellationToken) =>
        ReadExternalAsync<IReadOnlyList<RagSourceCount>>(file, async connection =>
            (await connection.QueryAsync<SourceRow>(
                $"SELECT c.source, COUNT(DISTINCT {ExternalDocument}) AS count, COUNT(*) AS chunk_count FROM chunks c GROUP BY c.source ORDER BY c.source"))
            .Select(r => new RagSourceCount(r.Source, r.Count, r.ChunkCount)).ToList(),
            cancellationToken);

    private static Task<RagDocumentPage> ExternalDocumentsAsync(RagFile file, string? source, int offset, int limit, CancellationToken cancellationToken) =>
        ReadExternalAsync(file, async connection =>
        {
            var args = new { Source = source, Offset = offset, Limit = limit, PreviewChars = PreviewChars * 2 };
            var where = source is null ? "" : "WHERE c.source = @Source";
            var total = await connection.ExecuteScalarAsync<long>($"SELECT COUNT(DISTINCT {ExternalDocument}) FROM chunks c {where}", args);
            var rows = await connection.QueryAsync<DocumentRow>(
                $"""
                SELECT {ExternalDocument} AS id, MIN(c.type_name) AS type_name, MIN(c.source) AS source,
                       substr(MIN(c.text), 1, @PreviewChars) AS text, COUNT(*) AS chunk_count, 0.0 AS created_at
                FROM chunks c {where} GROUP BY {ExternalDocument} ORDER BY MIN(c.id) LIMIT @Limit OFFSET @Offset
                """, args);
            return new RagDocumentPage(total, rows.Select(r => new RagDocumentSummary(
                r.Id, r.TypeName, r.Source, Preview(r.Text), (int)r.ChunkCount, r.CreatedAt, null)).ToList());
        }, cancellationToken);

    /// <summary>Its vectors' size, read from the first stored embedding; the model is not recorded in such a file.</summary>
    private static Task<RagEmbedderStamp?> ExternalEmbedderAsync(RagFile file, CancellationToken cancellationToken) =>
        ReadExternalAsync(file, async connection =>
        {
            var first = await connection.ExecuteScalarAsync<object?>("SELECT embedding FROM chunks WHERE embedding IS NOT NULL ORDER BY id LIMIT 1");
            return RagVectorCodec.DimensionsOf(first) is { } dimensions ? new RagEmbedderStamp(RagEmbedderStamp.External, dimensions) : null;
        }, cancellationToken);

    private static Task<IReadOnlyList<RagKeywordHit>> ExternalKeywordsAsync(RagFile file, string ftsQuery, int limit, CancellationToken cancellationToken) =>
        ReadExternalAsync<IReadOnlyList<RagKeywordHit>>(file, async connection =>
        {
            try
            {
                var rows = await connection.QueryAsync<KeywordRow>(
                    $"""
                    SELECT {ExternalChunkColumns}, -bm25(chunks_fts) AS score, snippet(chunks_fts, -1, '**', '**', '…', 24) AS snippet
                    FROM chunks_fts f JOIN chunks c ON c.id = f.rowid
                    WHERE chunks_fts MATCH @Query
                    ORDER BY bm25(chunks_fts), c.id
                    LIMIT @Limit
                    """, new { Query = ftsQuery, Limit = limit });
                return rows.Select(r => new RagKeywordHit(r.ToChunk(), r.Score, r.Snippet)).ToList();
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode == 1)
            {
                // No chunks_fts table in this file (or one of another shape): it has no keyword index to search.
                return [];
            }
        }, cancellationToken);

    private static Task<IReadOnlyList<RagChunk>> ExternalByTypeNameAsync(RagFile file, string typeName, int limit, CancellationToken cancellationToken) =>
        ReadExternalAsync<IReadOnlyList<RagChunk>>(file, async connection =>
            (await connection.QueryAsync<ChunkRow>(
                $"SELECT {ExternalChunkColumns} FROM chunks c WHERE c.type_name = @TypeName COLLATE NOCASE ORDER BY c.id LIMIT @Limit",
                new { TypeName = typeName, Limit = limit })).Select(r => r.ToChunk()).ToList(),
            cancellationToken);

    private static Task<IReadOnlyList<RagChunk>> ExternalChunksAsync(RagFile file, IReadOnlyList<long> chunkIds, CancellationToken cancellationToken) =>
        ReadExternalAsync<IReadOnlyList<RagChunk>>(file, async connection =>
        {
            var rows = (await connection.QueryAsync<ChunkRow>($"SELECT {ExternalChunkColumns} FROM chunks c WHERE c.id IN @Ids", new { Ids = chunkIds }))
                .ToDictionary(r => r.ChunkId);
            return chunkIds.Where(rows.ContainsKey).Select(id => rows[id].ToChunk()).ToList();
        }, cancellationToken);
}
