using Dapper;
using Orchestration.Storage.Sqlite;

namespace Orchestration.Storage.Rag;

/// <summary>One knowledge database file: its connections and a once-per-process schema check.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001",
    Justification = "SemaphoreSlim needs disposing only when its wait handle is used; this one lives as long as the process.")]
internal sealed class RagFile(string name, string path)
{
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private volatile bool _schemaReady;

    public string Name { get; } = name;
    public SqliteDatabase Database { get; } = new(path);
    public string Path => Database.Path;
    public bool Exists => File.Exists(Path);

    /// <summary>Creates the folder, the file (WAL) and the tables when missing.</summary>
    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
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
