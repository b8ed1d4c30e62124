using System.Data;
using System.Runtime.InteropServices;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Orchestration.Storage.Rag;

internal sealed partial class SqliteRagStore
{
    public Task<IReadOnlySet<string>> FindExistingHashesAsync(
        string database, IReadOnlyCollection<string> contentHashes, CancellationToken cancellationToken) =>
        IsExternal(database) ? throw new RagReadOnlyException(database) : ReadAsync<IReadOnlySet<string>>(database, new HashSet<string>(), async connection =>
        {
            var found = new HashSet<string>(StringComparer.Ordinal);
            // SQLite allows 32,766 parameters; batches of 500 stay far below.
            foreach (var batch in contentHashes.Chunk(500))
            {
                found.UnionWith(await connection.QueryAsync<string>(
                    "SELECT content_hash FROM documents WHERE content_hash IN @Hashes", new { Hashes = batch }));
            }
            return found;
        }, cancellationToken);

    public Task<RagWriteResult> AddAsync(
        string database, RagEmbedderStamp embedder, IReadOnlyList<NewRagDocument> documents, CancellationToken cancellationToken) =>
        WriteAsync(database, (connection, transaction) => InsertAsync(connection, transaction, database, embedder, documents), cancellationToken);

    /// <summary>Checks and records the embedder, then inserts the documents and their chunks (skipping stored content hashes).</summary>
    private static async Task<RagWriteResult> InsertAsync(
        SqliteConnection connection, IDbTransaction transaction, string database, RagEmbedderStamp embedder, IReadOnlyList<NewRagDocument> documents)
    {
        var stored = await ReadStampAsync(connection, transaction);
        if (stored is not null && stored != embedder)
        {
            throw new RagEmbedderMismatchException(database, stored, embedder);
        }
        if (stored is null && documents.Count > 0)
        {
            await connection.ExecuteAsync(
                "INSERT INTO rag_meta (key, value) VALUES ('embedder', @Name), ('dimensions', @Dimensions)",
                new { embedder.Name, Dimensions = embedder.Dimensions.ToString(System.Globalization.CultureInfo.InvariantCulture) }, transaction);
        }

        await EnsureChunkCountAsync(connection, transaction);
        int added = 0, skipped = 0, chunks = 0;
        foreach (var document in documents)
        {
            if (document.Chunks.Any(c => c.Embedding.Length != embedder.Dimensions))
            {
                throw new ArgumentException($"A chunk of a document from '{document.Source}' has an embedding of the wrong size (expected {embedder.Dimensions}).", nameof(documents));
            }
            // NOTE: the content hash is UNIQUE, so a document stored by a concurrent request is skipped here, not duplicated.
            var inserted = await connection.ExecuteAsync(
                """
                INSERT INTO documents (id, source, type_name, text, metadata, content_hash, chunk_count, created_at)
                VALUES (@Id, @Source, @TypeName, @Text, @MetadataJson, @ContentHash, @ChunkCount, @CreatedAt)
                ON CONFLICT (content_hash) DO NOTHING
                """,
                new
                {
                    document.Id, document.Source, document.TypeName, document.Text, document.MetadataJson, document.ContentHash,
                    ChunkCount = document.Chunks.Count, document.CreatedAt,
                }, transaction);
            if (inserted == 0)
            {
                skipped++;
                continue;
            }
            added++;
            chunks += await InsertChunksAsync(connection, transaction, document);
        }
        await AddToChunkCountAsync(connection, transaction, chunks);
        return new RagWriteResult(added, skipped, chunks);
    }

    /// <summary>Starts keeping the chunk count in rag_meta (a file written before counts were kept is counted once).</summary>
    private static async Task EnsureChunkCountAsync(SqliteConnection connection, IDbTransaction transaction)
    {
        if (await connection.ExecuteScalarAsync<string?>("SELECT value FROM rag_meta WHERE key = 'chunk_count'", transaction: transaction) is null)
        {
            await connection.ExecuteAsync(
                "INSERT INTO rag_meta (key, value) SELECT 'chunk_count', CAST(COUNT(*) AS TEXT) FROM chunks", transaction: transaction);
        }
    }

    private static Task AddToChunkCountAsync(SqliteConnection connection, IDbTransaction transaction, long delta) =>
        delta == 0 ? Task.CompletedTask : connection.ExecuteAsync(
            "UPDATE rag_meta SET value = CAST(CAST(value AS INTEGER) + @Delta AS TEXT) WHERE key = 'chunk_count'", new { Delta = delta }, transaction);

    private static async Task<int> InsertChunksAsync(SqliteConnection connection, IDbTransaction transaction, NewRagDocument document)
    {
        await using var chunk = connection.CreateCommand();
        chunk.Transaction = (SqliteTransaction)transaction;
        chunk.CommandText = """
            INSERT INTO chunks (id, document_id, ordinal, text, embedding)
            VALUES (MAX(COALESCE((SELECT MAX(id) FROM chunks), 0),
                        COALESCE((SELECT CAST(value AS INTEGER) FROM rag_meta WHERE key = 'last_chunk_id'), 0)) + 1,
                    $document, $ordinal, $text, $embedding)
            RETURNING id
            """;
        // NOTE: ids continue after the highest ever given (rag_meta 'last_chunk_id' remembers it across removals), so a
        // removed chunk's id never comes back: a vector index keyed by chunk id can follow additions by id alone.
        var ordinal = chunk.Parameters.Add("$ordinal", SqliteType.Integer);
        var text = chunk.Parameters.Add("$text", SqliteType.Text);
        var embedding = chunk.Parameters.Add("$embedding", SqliteType.Blob);
        chunk.Parameters.AddWithValue("$document", document.Id);

        await using var fts = connection.CreateCommand();
        fts.Transaction = (SqliteTransaction)transaction;
        fts.CommandText = "INSERT INTO chunks_fts (rowid, text, type_name) VALUES ($id, $text, $type)";
        var ftsId = fts.Parameters.Add("$id", SqliteType.Integer);
        var ftsText = fts.Parameters.Add("$text", SqliteType.Text);
        fts.Parameters.AddWithValue("$type", (object?)document.TypeName ?? DBNull.Value);

        for (var i = 0; i < document.Chunks.Count; i++)
        {
            ordinal.Value = i;
            text.Value = document.Chunks[i].Text;
            // Stored as raw little-endian float32, 4 bytes per dimension.
            embedding.Value = MemoryMarshal.AsBytes(document.Chunks[i].Embedding.AsSpan()).ToArray();
            ftsId.Value = (long)(await chunk.ExecuteScalarAsync())!;
            ftsText.Value = document.Chunks[i].Text;
            await fts.ExecuteNonQueryAsync();
        }
        return document.Chunks.Count;
    }
}
