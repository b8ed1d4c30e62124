using System.Runtime.InteropServices;
using Dapper;

namespace Orchestration.Storage.Rag;

internal sealed partial class SqliteRagStore
{
    private const string ChunkColumns = "c.id AS chunk_id, c.document_id, c.ordinal, d.source, d.type_name, c.text";

    public Task<IReadOnlyList<RagKeywordHit>> SearchKeywordsAsync(string database, string ftsQuery, int limit, CancellationToken cancellationToken) =>
        IsExternal(database) ? ExternalKeywordsAsync(FileOf(database), ftsQuery, limit, cancellationToken) : ReadAsync<IReadOnlyList<RagKeywordHit>>(database, [], async connection =>
        {
            // bm25 weights: a match in the document's type name counts twice a match in the text.
            var rows = await connection.QueryAsync<KeywordRow>(
                $"""
                SELECT {ChunkColumns}, -bm25(chunks_fts, 1.0, 2.0) AS score,
                       snippet(chunks_fts, 0, '**', '**', '…', 24) AS snippet
                FROM chunks_fts f
                JOIN chunks c ON c.id = f.rowid
                JOIN documents d ON d.id = c.document_id
                WHERE chunks_fts MATCH @Query
                ORDER BY bm25(chunks_fts, 1.0, 2.0), c.id
                LIMIT @Limit
                """, new { Query = ftsQuery, Limit = limit });
            return rows.Select(r => new RagKeywordHit(r.ToChunk(), r.Score, r.Snippet)).ToList();
        }, cancellationToken);

    public Task<IReadOnlyList<RagChunk>> FindByTypeNameAsync(string database, string typeName, int limit, CancellationToken cancellationToken) =>
        IsExternal(database) ? ExternalByTypeNameAsync(FileOf(database), typeName, limit, cancellationToken) : ReadAsync<IReadOnlyList<RagChunk>>(database, [], async connection =>
            (await connection.QueryAsync<ChunkRow>(
                $"""
                SELECT {ChunkColumns}
                FROM documents d JOIN chunks c ON c.document_id = d.id
                WHERE d.type_name = @TypeName COLLATE NOCASE
                ORDER BY d.rowid, c.ordinal
                LIMIT @Limit
                """, new { TypeName = typeName, Limit = limit })).Select(r => r.ToChunk()).ToList(),
            cancellationToken);

    public async Task<RagIndexVersion> GetIndexVersionAsync(string database, CancellationToken cancellationToken)
    {
        var file = FileOf(database);
        if (file.IsExternal && file.CachedVersion() is { } cached)
        {
            return cached;
        }
        var version = await ReadAsync(database, default(RagIndexVersion), async connection =>
            (await connection.QuerySingleAsync<VersionRow>(file.IsExternal ? ExternalVersionSql : VersionSql)).ToVersion(), cancellationToken);
        if (file.IsExternal)
        {
            file.CacheVersion(version);
        }
        return version;
    }

    public Task<RagVectorSet> LoadVectorsAsync(string database, CancellationToken cancellationToken) =>
        IsExternal(database) ? LoadExternalVectorsAsync(database, cancellationToken) : ReadAsync(database, new RagVectorSet(default, null, [], [], 0), async connection =>
        {
            // One deferred (read) transaction, so the stamp, the count and the rows are one snapshot under WAL.
            await using var transaction = connection.BeginTransaction(deferred: true);
            var embedder = await ReadStampAsync(connection, transaction);
            var version = await connection.QuerySingleAsync<VersionRow>(VersionSql, transaction: transaction);
            var dimensions = embedder?.Dimensions ?? 0;
            var ids = new long[version.Chunks];
            var vectors = new float[version.Chunks * dimensions];
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "SELECT id, embedding FROM chunks ORDER BY id";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var i = 0;
            while (await reader.ReadAsync(cancellationToken))
            {
                ids[i] = reader.GetInt64(0);
                var bytes = (byte[])reader.GetValue(1);
                if (bytes.Length != dimensions * sizeof(float))
                {
                    throw new InvalidDataException($"Chunk {ids[i]} of '{database}' has {bytes.Length / sizeof(float)} dimensions, not {dimensions}.");
                }
                MemoryMarshal.Cast<byte, float>(bytes).CopyTo(vectors.AsSpan(i * dimensions, dimensions));
                i++;
            }
            if (i < ids.Length)
            {
                // Fewer rows than the kept count says (a file changed by a program that does not keep it): take what is there.
                Array.Resize(ref ids, i);
                Array.Resize(ref vectors, i * dimensions);
            }
            return new RagVectorSet(version.ToVersion(), embedder, ids, vectors, dimensions);
        }, cancellationToken);

    public Task<IReadOnlyList<RagChunk>> GetChunksAsync(string database, IReadOnlyList<long> chunkIds, CancellationToken cancellationToken) =>
        IsExternal(database) ? ExternalChunksAsync(FileOf(database), chunkIds, cancellationToken) : ReadAsync<IReadOnlyList<RagChunk>>(database, [], async connection =>
        {
            if (chunkIds.Count == 0)
            {
                return [];
            }
            var rows = (await connection.QueryAsync<ChunkRow>(
                $"SELECT {ChunkColumns} FROM chunks c JOIN documents d ON d.id = c.document_id WHERE c.id IN @Ids",
                new { Ids = chunkIds })).ToDictionary(r => r.ChunkId);
            return chunkIds.Where(rows.ContainsKey).Select(id => rows[id].ToChunk()).ToList();
        }, cancellationToken);

    private class ChunkRow
    {
        public long ChunkId { get; init; }
        public string DocumentId { get; init; } = "";
        public long Ordinal { get; init; }
        public string Source { get; init; } = "";
        public string? TypeName { get; init; }
        public string Text { get; init; } = "";

        public RagChunk ToChunk() => new(ChunkId, DocumentId, (int)Ordinal, Source, TypeName, Text);
    }

    private sealed class KeywordRow : ChunkRow
    {
        public double Score { get; init; }
        public string Snippet { get; init; } = "";
    }

    // NOTE: counting a million chunks reads every row (their embeddings are in the table), so the count is kept in rag_meta
    // by every write; COALESCE only counts for a file no write has touched since counts were kept.
    private const string VersionSql = """
        SELECT COALESCE((SELECT CAST(value AS INTEGER) FROM rag_meta WHERE key = 'chunk_count'), (SELECT COUNT(*) FROM chunks)) AS chunks,
               COALESCE((SELECT MAX(id) FROM chunks), 0) AS max_id
        """;

    private const string ExternalVersionSql = """
        SELECT COUNT(*) AS chunks, COALESCE(MAX(id), 0) AS max_id FROM chunks WHERE embedding IS NOT NULL
        """;

    private sealed class VersionRow
    {
        public long Chunks { get; init; }
        public long MaxId { get; init; }

        public RagIndexVersion ToVersion() => new(Chunks, MaxId);
    }
}
