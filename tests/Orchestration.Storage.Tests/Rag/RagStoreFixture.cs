using Microsoft.Data.Sqlite;
using Orchestration.Storage.Rag;

namespace Orchestration.Storage.Tests.Rag;

/// <summary>A store over two knowledge databases in a fresh temp directory (files not created yet), and helpers
/// to build documents with small hand-made vectors.</summary>
internal sealed class RagStoreFixture : IAsyncDisposable
{
    public static readonly RagEmbedderStamp Stamp = new("test/axes", 4);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "orch-rag-tests", Guid.NewGuid().ToString("N"));

    public RagStoreFixture()
    {
        Paths = new Dictionary<string, string>
        {
            ["docs"] = Path.Combine(_directory, "rag", "docs.db"),
            ["other"] = Path.Combine(_directory, "rag", "nested", "other.db"),
        };
        Store = new SqliteRagStore(Paths, Path.Combine(_directory, "rag", "index"));
    }

    public Dictionary<string, string> Paths { get; }
    public IRagStore Store { get; }

    public static NewRagDocument Document(string source, string text, string? typeName = null, params float[][] vectors) =>
        Document(source, text, typeName, [text], vectors);

    public static NewRagDocument Document(string source, string text, string? typeName, string[] chunks, params float[][] vectors) =>
        new(Guid.NewGuid().ToString("N"), source, typeName, text, null, $"hash:{source}:{typeName}:{text}", 1_700_000_000,
            [.. chunks.Select((c, i) => new NewRagChunk(c, vectors.Length > i ? vectors[i] : [1, 0, 0, 0]))]);

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            if (Directory.Exists(_directory))
            {
                Directory.Delete(_directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // Left to the OS temp cleaner.
        }
        return ValueTask.CompletedTask;
    }
}
