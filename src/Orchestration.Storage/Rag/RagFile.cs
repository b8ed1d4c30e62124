using Dapper;
using Orchestration.Storage.Sqlite;

namespace Orchestration.Storage.Rag;

/// <summary>
/// One knowledge database file: its connections and a once-per-process schema check. A file in the original product's
/// layout (<c>chunks(id, source, type_name, file_path, text, embedding)</c> and no <c>documents</c> table) is
/// <see cref="IsExternal"/>: it is only ever opened read-only, and nothing is added to it.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001",
    Justification = "SemaphoreSlim needs disposing only when its wait handle is used; this one lives as long as the process.")]
internal sealed class RagFile(string name, string path)
{
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private volatile bool _schemaReady;
    private bool? _external;

    public string Name { get; } = name;
    public SqliteDatabase Database { get; } = new(path);
    public SqliteDatabase ReadOnly { get; } = new(path, readOnly: true);
    public string Path => Database.Path;
    public bool Exists => File.Exists(Path);

    /// <summary>Whether the file is in the original product's layout; decided once, on the first look at an existing file.</summary>
    public bool IsExternal
    {
        get
        {
            if (_external is { } known)
            {
                return known;
            }
            if (!Exists)
            {
                return false;
            }
            using var connection = new Microsoft.Data.Sqlite.SqliteConnection(
                new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = Path, Mode = Microsoft.Data.Sqlite.SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            connection.Open();
            var tables = connection.Query<string>("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')").ToHashSet(StringComparer.OrdinalIgnoreCase);
            var columns = tables.Contains("chunks")
                ? connection.Query<string>("SELECT name FROM pragma_table_info('chunks')").ToHashSet(StringComparer.OrdinalIgnoreCase)
                : [];
            _external = !tables.Contains("documents") && columns.Contains("file_path") && columns.Contains("embedding");
            return _external.Value;
        }
    }

    private (long Length, DateTime Written, RagIndexVersion Version)? _version;

    /// <summary>The version counted last, while the file's size and write time are those it was counted at.</summary>
    public RagIndexVersion? CachedVersion()
    {
        var info = new FileInfo(Path);
        return _version is { } v && info.Exists && v.Length == info.Length && v.Written == info.LastWriteTimeUtc ? v.Version : null;
    }

    public void CacheVersion(RagIndexVersion version)
    {
        var info = new FileInfo(Path);
        _version = (info.Length, info.LastWriteTimeUtc, version);
    }

    /// <summary>Creates the folder, the file (WAL) and the tables when missing. Never called for an external file.</summary>
    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        if (IsExternal)
        {
            throw new RagReadOnlyException(Name);
        }
        // NOTE: checked against the file too, so a file removed while the server runs is created again on the next write.
        if (_schemaReady && Exists)
        {
            return;
        }
        await _schemaGate.WaitAsync(cancellationToken);
        try
        {
            if (_schemaReady && Exists)
            {
                return;
            }
            var directory = System.IO.Path.GetDirectoryName(Path);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }
            await using var connection = await Database.OpenAsync(cancellationToken);
            await connection.ExecuteAsync("PRAGMA journal_mode=WAL;");
            await connection.ExecuteAsync(RagSchema.Sql);
            _schemaReady = true;
        }
        finally
        {
            _schemaGate.Release();
        }
    }

    /// <summary>The file plus its write-ahead log, in bytes.</summary>
    public long SizeOnDisk()
    {
        return Size(Path) + Size(Path + "-wal");

        // The write-ahead log comes and goes as connections close; a file that vanishes
        // between the look and the read simply counts as empty.
        static long Size(string file)
        {
            var info = new FileInfo(file);
            try
            {
                return info.Exists ? info.Length : 0;
            }
            catch (FileNotFoundException)
            {
                return 0;
            }
        }
    }
}
