using Orchestration.Core.Domain;
using Orchestration.Storage.Rag;

namespace Orchestration.Engine.Rag;

internal sealed partial class RagService
{
    public async Task<RagReindexResult> ReplaceSourceAsync(
        string database, string source, IReadOnlyList<RagDocumentInput> documents, CancellationToken cancellationToken)
    {
        RequireWritable(database);
        source = Bounded(source, "source", RagLimits.MaxSourceChars, required: true)!;
        if (documents.Select((d, i) => (d, i)).FirstOrDefault(x => x.d.Source is { } s && !string.IsNullOrWhiteSpace(s) && s.Trim() != source) is { d: not null } other)
        {
            throw new RagRequestException($"documents[{other.i}].source",
                $"'documents[{other.i}].source' is '{other.d.Source}' but the documents replace the source '{source}'; leave it out or make it the same.");
        }
        var prepared = Prepare([.. documents.Select(d => d with { Source = source })], allowEmpty: true);
        _ingestsRunning.AddOrUpdate(database, 1, (_, running) => running + 1);
        try
        {
            RequireSameEmbedder(database, await store.GetEmbedderAsync(database, cancellationToken));
            var stored = (await store.ListSourceDocumentsAsync(database, source, cancellationToken)).Select(d => d.ContentHash).ToHashSet(StringComparer.Ordinal);
            var keep = prepared.Select(p => p.Hash).ToHashSet(StringComparer.Ordinal);
            var rows = await EmbedAsync(prepared.DistinctBy(p => p.Hash).Where(p => !stored.Contains(p.Hash)).ToList(), cancellationToken);
            var result = await store.ReplaceSourceAsync(database, embedder.Stamp, source, keep, rows, cancellationToken);
            index.Forget(database, result.Removed.ChunkIds);
            var unchanged = keep.Count(stored.Contains);
            RagLogs.Reindexed(logger, database, source, result.Written.Added, unchanged, result.Removed.Documents);
            return new RagReindexResult(result.Written.Added, unchanged, result.Removed.Documents, result.Written.Chunks, result.Removed.ChunkIds.Count);
        }
        finally
        {
            _ingestsRunning.AddOrUpdate(database, 0, (_, running) => running - 1);
        }
    }

    public async Task<RagRemoval> DeleteSourceAsync(string database, string source, CancellationToken cancellationToken)
    {
        RequireWritable(database);
        var removed = await store.DeleteSourceAsync(database, source, cancellationToken);
        index.Forget(database, removed.ChunkIds);
        return removed;
    }

    public async Task<RagRemoval> DeleteDocumentAsync(string database, string documentId, CancellationToken cancellationToken)
    {
        RequireWritable(database);
        var removed = await store.DeleteDocumentAsync(database, documentId, cancellationToken);
        index.Forget(database, removed.ChunkIds);
        return removed;
    }
}
