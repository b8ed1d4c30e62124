using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.Core.Configuration;
using Orchestration.Engine.Configuration;
using Orchestration.Engine.Rag;
using Orchestration.Storage.Rag;

namespace Orchestration.Engine.Tests.Rag;

/// <summary>The knowledge databases wired as the server wires them (AddRagStorage + AddRag), over files in a fresh temp directory:
/// "docs" and "notes". Pass an embedder to replace the embedded MiniLM model. The directory is deleted on dispose
/// unless <c>keepFiles</c> (to reopen the same files with another harness).</summary>
internal sealed class RagHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly bool _keepFiles;

    public RagHarness(RagEmbedder? embedder = null, string? dataDir = null, Action<OrchestrationConfig>? configure = null,
        Action<IServiceCollection, OrchestrationConfig>? services = null, bool keepFiles = false)
    {
        _keepFiles = keepFiles;
        DataDir = dataDir ?? Path.Combine(Path.GetTempPath(), "orch-rag-engine-tests", Guid.NewGuid().ToString("N"));
        Config = new OrchestrationConfig();
        Config.Server.DataDir = DataDir;
        Config.Rag.Databases = new() { ["docs"] = Path.Combine(DataDir, "rag", "docs.db"), ["notes"] = Path.Combine(DataDir, "rag", "notes.db") };
        configure?.Invoke(Config);
        var collection = new ServiceCollection().AddLogging();
        if (embedder is not null)
        {
            collection.AddSingleton(embedder);
        }
        services?.Invoke(collection, Config);
        _services = collection.AddConfigSections(Config).AddRagStorage(Config.Rag.Databases, Path.Combine(DataDir, "rag", "index")).AddRag().BuildServiceProvider();
    }

    public string DataDir { get; }
    public OrchestrationConfig Config { get; }
    public IServiceProvider Services => _services;
    public IRagSearch Search => _services.GetRequiredService<IRagSearch>();
    public IRagCatalog Catalog => _services.GetRequiredService<IRagCatalog>();
    public IRagStore Store => _services.GetRequiredService<IRagStore>();

    public static RagDocumentInput Doc(string source, string text, string? typeName = null) => new(source, text, typeName);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (_keepFiles)
        {
            return;
        }
        try
        {
            if (Directory.Exists(DataDir))
            {
                Directory.Delete(DataDir, recursive: true);
            }
        }
        catch (IOException)
        {
            // Left to the OS temp cleaner.
        }
    }
}
