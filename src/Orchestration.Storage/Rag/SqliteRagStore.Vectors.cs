using Dapper;
using Microsoft.Data.Sqlite;

namespace Orchestration.Storage.Rag;

internal sealed partial class SqliteRagStore
{
    public Task<RagVectorBatch> ReadVectorsAfterAsync(string database, long afterChunkId, int limit, int dimensions, CancellationToken cancellationToken) =>
        ReadAsync(database, new RagVectorBatch([], [], dimensions), async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT id, embedding FROM chunks WHERE id > $after AND embedding IS NOT NULL ORDER BY id LIMIT $limit";
            command.Parameters.AddWithValue("$after", afterChunkId);
            command.Parameters.AddWithValue("$limit", limit);
            var ids = new List<long>(limit);
            var vectors = new List<float>(limit * dimensions);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetInt64(0));
                vectors.AddRange(Vector(database, reader, dimensions));
            }
            return new RagVectorBatch([.. ids], [.. vectors], dimensions);
        }, cancellationToken);

    public Task<IReadOnlyDictionary<long, float[]>> GetEmbeddingsAsync(
        string database, IReadOnlyList<long> chunkIds, int dimensions, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyDictionary<long, float[]>>(database, new Dictionary<long, float[]>(), async connection =>
        {
            var result = new Dictionary<long, float[]>(chunkIds.Count);
            foreach (var batch in chunkIds.Chunk(500))
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT id, embedding FROM chunks WHERE id IN ({string.Join(',', batch.Select((_, i) => "$p" + i))})";
                for (var i = 0; i < batch.Length; i++)
                {
                    command.Parameters.AddWithValue("$p" + i, batch[i]);
                }
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    result[reader.GetInt64(0)] = Vector(database, reader, dimensions);
                }
            }
            return result;
        }, cancellationToken);

    public Task<long> CountChunksAfterAsync(string database, long afterChunkId, CancellationToken cancellationToken) =>
        ReadAsync(database, 0L, connection => connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM chunks WHERE id > @After AND embedding IS NOT NULL", new { After = afterChunkId }), cancellationToken);

    /// <summary>The whole vector set of an external database, read batch by batch.</summary>
    private async Task<RagVectorSet> LoadExternalVectorsAsync(string database, CancellationToken cancellationToken)
    {
        var version = await GetIndexVersionAsync(database, cancellationToken);
        var embedder = await GetEmbedderAsync(database, cancellationToken);
        var dimensions = embedder?.Dimensions ?? 0;
        var ids = new List<long>();
        var vectors = new List<float>();
        for (long after = 0; embedder is not null;)
        {
            var batch = await ReadVectorsAfterAsync(database, after, 4_096, dimensions, cancellationToken);
            if (batch.ChunkIds.Length == 0)
            {
                break;
            }
            ids.AddRange(batch.ChunkIds);
            vectors.AddRange(batch.Vectors);
            after = batch.ChunkIds[^1];
        }
        return new RagVectorSet(version, embedder, [.. ids], [.. vectors], dimensions);
    }

    /// <summary>Column 1 of the row: an embedding of <paramref name="dimensions"/> values (see <see cref="RagVectorCodec"/>).</summary>
    private static float[] Vector(string database, SqliteDataReader reader, int dimensions) =>
        RagVectorCodec.Decode(reader.GetValue(1), dimensions)
        ?? throw new InvalidDataException($"Chunk {reader.GetInt64(0)} of '{database}' does not hold an embedding of {dimensions} dimensions.");
}
