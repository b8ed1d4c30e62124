using System.Data;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Orchestration.Storage.Rag;

/// <summary>The knowledge databases on SQLite (see <see cref="IRagStore"/>); one <see cref="RagFile"/> per name.</summary>
internal sealed partial class SqliteRagStore : IRagStore
{
    private const int PreviewChars = 200;
    private readonly Dictionary<string, RagFile> _files;
    private readonly string _indexDirectory;

    public SqliteRagStore(IReadOnlyDictionary<string, string> databases, string indexDirectory)
    {
        _indexDirectory = indexDirectory;
        // Columns are snake_case, row properties PascalCase (as everywhere in this assembly).
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        _files = databases.ToDictionary(d => d.Key, d => new RagFile(d.Key, d.Value), StringComparer.Ordinal);
        Databases = [.. databases.Keys];
    }

    public IReadOnlyList<string> Databases { get; }

    public bool Contains(string database) => _files.ContainsKey(database);

    public string PathOf(string database) => FileOf(database).Path;

    public bool IsExternal(string database) => FileOf(database).IsExternal;

    public string IndexPathOf(string database) =>
        IsExternal(database) ? System.IO.Path.Combine(_indexDirectory, database + ".hnsw") : PathOf(database) + ".hnsw";

    public async Task<RagDatabaseStats> GetStatsAsync(string database, CancellationToken cancellationToken)
    {
        var file = FileOf(database);
        if (!file.Exists)
        {
            return new RagDatabaseStats(database, file.Path, false, 0, 0, 0, null, []);
        }
        if (file.IsExternal)
        {
            return await ExternalStatsAsync(file, cancellationToken);
        }
        var (documents, chunks, embedder) = await ReadAsync(database, (0L, 0L, (RagEmbedderStamp?)null), async connection =>
        {
            var counts = await connection.QuerySingleAsync<CountsRow>(
                "SELECT (SELECT COUNT(*) FROM documents) AS documents, (SELECT COUNT(*) FROM chunks) AS chunks");
            return (counts.Documents, counts.Chunks, await ReadStampAsync(connection, null));
        }, cancellationToken);
        var sources = await ListSourcesAsync(database, cancellationToken);
        return new RagDatabaseStats(database, file.Path, true, documents, chunks, file.SizeOnDisk(), embedder, sources);
    }

    public Task<IReadOnlyList<RagSourceCount>> ListSourcesAsync(string database, CancellationToken cancellationToken) =>
        IsExternal(database) ? ExternalSourcesAsync(FileOf(database), cancellationToken) : ReadAsync<IReadOnlyList<RagSourceCount>>(database, [], async connection =>
            (await connection.QueryAsync<SourceRow>(
                """
                SELECT source, COUNT(*) AS count, SUM(chunk_count) AS chunk_count
                FROM documents GROUP BY source ORDER BY source
                """)).Select(r => new RagSourceCount(r.Source, r.Count, r.ChunkCount)).ToList(),
            cancellationToken);

    public Task<RagDocumentPage> ListDocumentsAsync(string database, string? source, int offset, int limit, CancellationToken cancellationToken) =>
        IsExternal(database) ? ExternalDocumentsAsync(FileOf(database), source, offset, limit, cancellationToken) : ReadAsync(database, new RagDocumentPage(0, []), async connection =>
        {
            var args = new { Source = source, Offset = offset, Limit = limit, PreviewChars = PreviewChars * 2 };
            var where = source is null ? "" : "WHERE source = @Source";
            var total = await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM documents {where}", args);
            var rows = await connection.QueryAsync<DocumentRow>(
                $"""
                SELECT id, type_name, source, substr(text, 1, @PreviewChars) AS text, chunk_count, created_at, content_hash
                FROM documents {where} ORDER BY rowid LIMIT @Limit OFFSET @Offset
                """, args);
            return new RagDocumentPage(total, rows.Select(r => new RagDocumentSummary(
                r.Id, r.TypeName, r.Source, Preview(r.Text), (int)r.ChunkCount, r.CreatedAt, r.ContentHash)).ToList());
        }, cancellationToken);

    public Task<RagEmbedderStamp?> GetEmbedderAsync(string database, CancellationToken cancellationToken) =>
        IsExternal(database) ? ExternalEmbedderAsync(FileOf(database), cancellationToken) : ReadAsync(database, (RagEmbedderStamp?)null, connection => ReadStampAsync(connection, null), cancellationToken);

    private RagFile FileOf(string database) =>
        _files.TryGetValue(database, out var file) ? file : throw new RagDatabaseNotFoundException(database);

    /// <summary>Runs a read, or answers <paramref name="whenMissing"/> without creating the file when it does not exist.</summary>
    private async Task<T> ReadAsync<T>(string database, T whenMissing, Func<SqliteConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        var file = FileOf(database);
        if (!file.Exists)
        {
            return whenMissing;
        }
        if (file.IsExternal)
        {
            return await file.ReadOnly.ReadAsync(work, cancellationToken);
        }
        await file.EnsureSchemaAsync(cancellationToken);
        return await file.Database.ReadAsync(work, cancellationToken);
    }

    private async Task<T> WriteAsync<T>(string database, Func<SqliteConnection, IDbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        var file = FileOf(database);
        await file.EnsureSchemaAsync(cancellationToken);
        return await file.Database.WriteAsync(work, cancellationToken);
    }

    private static async Task<RagEmbedderStamp?> ReadStampAsync(SqliteConnection connection, IDbTransaction? transaction)
    {
        var meta = (await connection.QueryAsync<MetaRow>(
                "SELECT key, value FROM rag_meta WHERE key IN ('embedder', 'dimensions')", transaction: transaction))
            .ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal);
        return meta.TryGetValue("embedder", out var name) && meta.TryGetValue("dimensions", out var dimensions)
            ? new RagEmbedderStamp(name, int.Parse(dimensions, System.Globalization.CultureInfo.InvariantCulture))
            : null;
    }

    /// <summary>The start of the text on one line: whitespace runs collapsed, cut at a word with an ellipsis.</summary>
    internal static string Preview(string text)
    {
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (flat.Length <= PreviewChars)
        {
            return flat;
        }
        var cut = flat.LastIndexOf(' ', PreviewChars);
        return string.Concat(flat.AsSpan(0, cut > PreviewChars / 2 ? cut : PreviewChars), "…");
    }

    private sealed class CountsRow
    {
        public long Documents { get; init; }
        public long Chunks { get; init; }
    }

    private sealed class SourceRow
    {
        public string Source { get; init; } = "";
        public long Count { get; init; }
        public long ChunkCount { get; init; }
    }

    private sealed class DocumentRow
    {
        public string Id { get; init; } = "";
        public string? TypeName { get; init; }
        public string Source { get; init; } = "";
        public string Text { get; init; } = "";
        public long ChunkCount { get; init; }
        public double CreatedAt { get; init; }
        public string? ContentHash { get; init; }
    }

    private sealed class MetaRow
    {
        public string Key { get; init; } = "";
        public string Value { get; init; } = "";
    }
}
