using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Orchestration.Core.Configuration;
using Orchestration.Storage.Rag;

namespace Orchestration.Engine.Rag;

/// <summary>The knowledge databases: search (<see cref="IRagSearch"/>) and listing and ingest (<see cref="IRagCatalog"/>).</summary>
internal sealed partial class RagService(
    IRagStore store, RagEmbedder embedder, VectorIndex index, RagOptions rag, TimeProvider time, ILogger<RagService> logger)
    : IRagSearch, IRagCatalog
{
    private readonly ConcurrentDictionary<string, int> _ingestsRunning = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Databases => store.Databases;

    public bool Contains(string database) => store.Contains(database);

    public async Task<IReadOnlyList<RagDatabaseStatus>> ListAsync(CancellationToken cancellationToken)
    {
        var result = new List<RagDatabaseStatus>(store.Databases.Count);
        foreach (var name in store.Databases)
        {
            var stats = await store.GetStatsAsync(name, cancellationToken);
            var (kind, progress) = index.Describe(name, stats.ChunkCount);
            var status = _ingestsRunning.GetValueOrDefault(name) > 0 || index.IsBuilding(name) ? RagIndexStatus.Building
                : stats.ChunkCount == 0 ? RagIndexStatus.Empty
                : RagIndexStatus.Ready;
            result.Add(new RagDatabaseStatus(
                name, stats.Exists, status, stats.ChunkCount, stats.Sources.Count, stats.FileSizeBytes, stats.Sources,
                stats.DocumentCount, stats.Embedder?.Name, stats.Embedder?.Dimensions, kind, progress, stats.Exists && store.IsExternal(name)));
        }
        return result;
    }

    public Task<IReadOnlyList<RagSourceCount>> ListSourcesAsync(string database, CancellationToken cancellationToken) =>
        store.ListSourcesAsync(database, cancellationToken);

    public Task<RagDocumentPage> ListDocumentsAsync(string database, string? source, int offset, int limit, CancellationToken cancellationToken)
    {
        RequireDatabase(database);
        if (offset < 0)
        {
            throw new RagRequestException("offset", $"'offset' must be ≥ 0 (got {offset}).");
        }
        if (limit is < 1 or > RagLimits.MaxPageSize)
        {
            throw new RagRequestException("limit", $"'limit' must be between 1 and {RagLimits.MaxPageSize} (got {limit}).");
        }
        return store.ListDocumentsAsync(database, source, offset, limit, cancellationToken);
    }

    private void RequireDatabase(string database)
    {
        if (!store.Contains(database))
        {
            throw new RagDatabaseNotFoundException(database);
        }
    }

    /// <summary>Refuses, before any work, to write to an external database.</summary>
    private void RequireWritable(string database)
    {
        RequireDatabase(database);
        if (store.IsExternal(database))
        {
            throw new RagReadOnlyException(database);
        }
    }

    /// <summary>Refuses to compare or add vectors of another embedder than the one that built the database.</summary>
    private void RequireSameEmbedder(string database, RagEmbedderStamp? stored)
    {
        // An external database does not record its model: its vectors only have to be of the configured embedder's size.
        if (stored is not null
            && (stored.Name == RagEmbedderStamp.External ? stored.Dimensions != embedder.Stamp.Dimensions : stored != embedder.Stamp))
        {
            RagLogs.EmbedderMismatch(logger, database, $"{stored.Name}/{stored.Dimensions}", $"{embedder.Stamp.Name}/{embedder.Stamp.Dimensions}");
            throw new RagEmbedderMismatchException(database, stored, embedder.Stamp);
        }
    }

    private int ResolveTopK(int? requested, string field)
    {
        var value = requested ?? rag.DefaultTopK;
        if (value < 1 || value > rag.MaxTopK)
        {
            throw new RagRequestException(field, $"'{field}' must be between 1 and {rag.MaxTopK} (got {value}).");
        }
        return value;
    }

    private static string RequireText(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new RagRequestException(field, $"'{field}' must not be empty.");
        }
        if (value.Length > RagLimits.MaxQueryChars)
        {
            throw new RagRequestException(field, $"'{field}' must be at most {RagLimits.MaxQueryChars} characters (got {value.Length}).");
        }
        return value.Trim();
    }

    private static RagHit ToHit(RagChunk chunk, double score, RagMatch match, string? snippet) =>
        new(chunk.DocumentId, chunk.Ordinal, chunk.Source, chunk.TypeName, chunk.Text, score, match, snippet);
}
