using System.Runtime.InteropServices;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Orchestration.Storage.Rag;

internal sealed partial class SqliteRagStore
{
    public Task<RagVectorBatch> ReadVectorsAfterAsync(string database, long afterChunkId, int limit, int dimensions, CancellationToken cancellationToken) =>
        ReadAsync(database, new RagVectorBatch([], [], dimensions), async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT id, embedding FROM chunks WHERE id > $after ORDER BY id LIMIT $limit";
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
                    result[reader.GetInt64(0)] = Vector(database, reader, dimensions).ToArray();
                }
            }
            return result;
        }, cancellationToken);

    public Task<long> CountChunksUpToAsync(string database, long maxChunkId, CancellationToken cancellationToken) =>
        ReadAsync(database, 0L, connection => connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM chunks WHERE id <= @MaxId", new { MaxId = maxChunkId }), cancellationToken);

    /// <summary>Column 1 of the row: a float32 embedding of <paramref name="dimensions"/> values.</summary>
    private static ReadOnlySpan<float> Vector(string database, SqliteDataReader reader, int dimensions)
    {
        var bytes = (byte[])reader.GetValue(1);
        return bytes.Length == dimensions * sizeof(float)
            ? MemoryMarshal.Cast<byte, float>(bytes)
            : throw new InvalidDataException($"Chunk {reader.GetInt64(0)} of '{database}' has {bytes.Length / sizeof(float)} dimensions, not {dimensions}.");
    }
}
