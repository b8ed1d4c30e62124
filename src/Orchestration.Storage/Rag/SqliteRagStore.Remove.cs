using System.Data;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Orchestration.Storage.Rag;

internal sealed partial class SqliteRagStore
{
    public Task<IReadOnlyList<RagStoredDocument>> ListSourceDocumentsAsync(string database, string source, CancellationToken cancellationToken) =>
        IsExternal(database) ? throw new RagReadOnlyException(database) : ReadAsync<IReadOnlyList<RagStoredDocument>>(database, [], async connection =>
            (await connection.QueryAsync<StoredRow>(
                "SELECT id, content_hash FROM documents WHERE source = @Source ORDER BY rowid", new { Source = source }))
            .Select(r => new RagStoredDocument(r.Id, r.ContentHash)).ToList(),
            cancellationToken);

    public Task<RagReplaceResult> ReplaceSourceAsync(
        string database, RagEmbedderStamp embedder, string source, IReadOnlySet<string> keepHashes, IReadOnlyList<NewRagDocument> documents,
        CancellationToken cancellationToken) =>
        WriteAsync(database, async (connection, transaction) =>
        {
            var stored = await connection.QueryAsync<StoredRow>(
                "SELECT id, content_hash FROM documents WHERE source = @Source", new { Source = source }, transaction);
            var vanished = stored.Where(d => !keepHashes.Contains(d.ContentHash)).Select(d => d.Id).ToList();
            var removed = await RemoveDocumentsAsync(connection, transaction, vanished);
            var written = await InsertAsync(connection, transaction, database, embedder, documents);
            return new RagReplaceResult(written, removed);
        }, cancellationToken);

    public Task<RagRemoval> DeleteSourceAsync(string database, string source, CancellationToken cancellationToken) =>
        RemoveWhereAsync(database, "SELECT id FROM documents WHERE source = @Key", source, cancellationToken);

    public Task<RagRemoval> DeleteDocumentAsync(string database, string documentId, CancellationToken cancellationToken) =>
        RemoveWhereAsync(database, "SELECT id FROM documents WHERE id = @Key", documentId, cancellationToken);

    private async Task<RagRemoval> RemoveWhereAsync(string database, string selectIds, string key, CancellationToken cancellationToken)
    {
        if (!FileOf(database).Exists)
        {
            return new RagRemoval(0, []);
        }
        return await WriteAsync(database, async (connection, transaction) =>
        {
            var ids = (await connection.QueryAsync<string>(selectIds, new { Key = key }, transaction)).ToList();
            return await RemoveDocumentsAsync(connection, transaction, ids);
        }, cancellationToken);
    }

    /// <summary>Deletes the documents with their chunks and the chunks' FTS rows; answers the chunk ids it removed.</summary>
    private static async Task<RagRemoval> RemoveDocumentsAsync(SqliteConnection connection, IDbTransaction transaction, IReadOnlyList<string> documentIds)
    {
        await EnsureChunkCountAsync(connection, transaction);
        var chunkIds = new List<long>();
        await connection.ExecuteAsync(
            """
            INSERT INTO rag_meta (key, value) SELECT 'last_chunk_id', CAST(COALESCE(MAX(id), 0) AS TEXT) FROM chunks WHERE true
            ON CONFLICT (key) DO UPDATE SET value = CAST(MAX(CAST(value AS INTEGER), CAST(excluded.value AS INTEGER)) AS TEXT)
            """, transaction: transaction);
        // Batches stay far below SQLite's 32,766 parameters.
        foreach (var batch in documentIds.Chunk(500))
        {
            var args = new { Ids = batch };
            var ids = (await connection.QueryAsync<long>("SELECT id FROM chunks WHERE document_id IN @Ids", args, transaction)).ToList();
            chunkIds.AddRange(ids);
            foreach (var chunkBatch in ids.Chunk(500))
            {
                await connection.ExecuteAsync("DELETE FROM chunks_fts WHERE rowid IN @Ids", new { Ids = chunkBatch }, transaction);
            }
            await connection.ExecuteAsync("DELETE FROM chunks WHERE document_id IN @Ids", args, transaction);
            await connection.ExecuteAsync("DELETE FROM documents WHERE id IN @Ids", args, transaction);
        }
        await AddToChunkCountAsync(connection, transaction, -chunkIds.Count);
        return new RagRemoval(documentIds.Count, chunkIds);
    }

    private sealed class StoredRow
    {
        public string Id { get; init; } = "";
        public string ContentHash { get; init; } = "";
    }
}
