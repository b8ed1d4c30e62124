using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Orchestration.Engine.Tests.Rag;

/// <summary>A knowledge database in the original product's layout, as its indexer writes one (rollback journal,
/// chunks plus an external-content FTS5 table), with embeddings of the given embedder stored as float32 BLOBs, float64
/// BLOBs or JSON arrays.</summary>
internal static class ExternalRagFile
{
    public enum Encoding { Float32, Float64, Json }

    public sealed record Chunk(string Source, string? TypeName, string FilePath, string Text);

    public static async Task CreateAsync(string path, IReadOnlyList<Chunk> chunks, WordHashEmbeddings embeddings, Encoding encoding)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var vectors = await embeddings.GenerateAsync(chunks.Select(c => c.Text));
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await connection.ExecuteAsync("""
            CREATE TABLE chunks (id INTEGER PRIMARY KEY, source TEXT, type_name TEXT, file_path TEXT, text TEXT, embedding BLOB);
            CREATE VIRTUAL TABLE chunks_fts USING fts5 (text, type_name, content = 'chunks', content_rowid = 'id');
            """);
        for (var i = 0; i < chunks.Count; i++)
        {
            var vector = vectors[i].Vector.ToArray();
            object embedding = encoding switch
            {
                Encoding.Float32 => MemoryMarshal.AsBytes(vector.AsSpan()).ToArray(),
                Encoding.Float64 => MemoryMarshal.AsBytes(vector.Select(v => (double)v).ToArray().AsSpan()).ToArray(),
                _ => JsonSerializer.Serialize(vector),
            };
            await connection.ExecuteAsync(
                "INSERT INTO chunks (source, type_name, file_path, text, embedding) VALUES (@Source, @TypeName, @FilePath, @Text, @Embedding)",
                new { chunks[i].Source, chunks[i].TypeName, chunks[i].FilePath, chunks[i].Text, Embedding = embedding });
        }
        await connection.ExecuteAsync("INSERT INTO chunks_fts (rowid, text, type_name) SELECT id, text, type_name FROM chunks");
    }

    public static string Fingerprint(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}
