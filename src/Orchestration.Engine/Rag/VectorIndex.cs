using System.Collections.Concurrent;
using System.Numerics.Tensors;
using Microsoft.Extensions.Logging;
using Orchestration.Core.Configuration;
using Orchestration.Storage.Rag;

namespace Orchestration.Engine.Rag;

/// <summary>
/// Nearest-neighbour search over a database's chunk vectors. Below <c>rag.ann_min_chunks</c> chunks it is exact: every
/// vector kept in memory (4 bytes × dimensions per chunk) and compared by cosine similarity, reloaded when the
/// database's <see cref="RagIndexVersion"/> changes. From there on an HNSW index (<see cref="AnnIndex"/>) persisted
/// beside the database (<see cref="IRagStore.IndexPathOf"/>) answers, and its candidates are re-ranked with the exact vectors. The HNSW index follows the
/// database by chunk id: new chunks are added (at once when few, in the background otherwise), removed ones are taken
/// out as they are removed, and an index that no longer matches the database is rebuilt. While it is being built,
/// searches scan the database's vectors batch by batch (exact, slower, without holding them all).
/// </summary>
internal sealed class VectorIndex(IRagStore store, RagOptions rag, ILogger<VectorIndex> logger) : IDisposable
{
    /// <summary>New chunks added to the HNSW index inside the search that finds them (more are added in the background).</summary>
    private const int InlineCatchUp = 5_000;
    private const int BatchSize = 4_096;
    /// <summary>HNSW candidates re-ranked with the exact vectors (at least; fifty per hit asked for).</summary>
    private const int Candidates = 500;
    private readonly ConcurrentDictionary<string, RagVectorSet> _loaded = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, AnnSlot> _ann = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _loadGate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();

    public async Task<IReadOnlyList<(long ChunkId, double Score)>> SearchAsync(
        string database, RagEmbedderStamp embedder, float[] query, int limit, CancellationToken cancellationToken)
    {
        if (query.Length != embedder.Dimensions)
        {
            return [];
        }
        var version = await store.GetIndexVersionAsync(database, cancellationToken);
        if (version.ChunkCount < rag.AnnMinChunks)
        {
            return Exact(await GetAsync(database, cancellationToken), query, limit);
        }
        var ann = await ReadyAnnAsync(database, embedder, version, cancellationToken);
        if (ann is null)
        {
            return await ScanAsync(database, query, limit, cancellationToken);
        }
        var candidates = ann.Search(query, Math.Max(limit * 50, Candidates)).Select(k => (long)k).ToList();
        var vectors = await store.GetEmbeddingsAsync(database, candidates, embedder.Dimensions, cancellationToken);
        return [.. vectors.Select(v => (v.Key, (double)TensorPrimitives.CosineSimilarity(v.Value, query)))
            .OrderByDescending(v => v.Item2).ThenBy(v => v.Key).Take(limit)];
    }

    /// <summary>Takes removed chunks out of the database's HNSW index.</summary>
    public void Forget(string database, IReadOnlyCollection<long> chunkIds)
    {
        if (chunkIds.Count > 0 && _ann.TryGetValue(database, out var slot))
        {
            slot.Index?.Remove(chunkIds);
        }
    }

    /// <summary>How the database is searched, and the share of its chunks the HNSW index holds while it is built.</summary>
    public (string Kind, double? Progress) Describe(string database, long chunkCount)
    {
        if (chunkCount < rag.AnnMinChunks)
        {
            return ("exact", null);
        }
        return _ann.TryGetValue(database, out var slot) && slot.Building is { IsCompleted: false } && slot.Index is { } index
            ? ("hnsw", Math.Clamp(index.Count / (double)Math.Max(1, chunkCount), 0, 1))
            : ("hnsw", null);
    }

    public bool IsBuilding(string database) => _ann.TryGetValue(database, out var slot) && slot.Building is { IsCompleted: false };

    /// <summary>The HNSW index when it holds exactly the database's chunks (catching up on a few new ones first);
    /// null while it is being built in the background.</summary>
    private async Task<AnnIndex?> ReadyAnnAsync(string database, RagEmbedderStamp embedder, RagIndexVersion version, CancellationToken cancellationToken)
    {
        var slot = _ann.GetOrAdd(database, _ => new AnnSlot());
        await slot.Gate.WaitAsync(cancellationToken);
        try
        {
            if (slot.Building is { IsCompleted: false })
            {
                return null;
            }
            if (slot.Index is null || slot.Index.Embedder != embedder)
            {
                slot.Index?.Dispose();
                slot.Index = AnnIndex.Open(store.IndexPathOf(database), embedder);
            }
            var index = slot.Index;
            if (index.Version == version)
            {
                return index;
            }
            // The chunks up to its highest id must be exactly those it holds (counted from the new ones: few rows to read).
            if (version.ChunkCount - await store.CountChunksAfterAsync(database, index.MaxChunkId, cancellationToken) != index.Count)
            {
                // Chunks it holds were removed by another server sharing the file, or before a crash that lost a save: start over.
                RagLogs.IndexRebuilt(logger, database, index.Count);
                index.Clear();
            }
            if (version.ChunkCount - index.Count <= InlineCatchUp)
            {
                await CatchUpAsync(database, index, cancellationToken);
                return index;
            }
            slot.Building = Task.Run(() => BuildAsync(database, index), CancellationToken.None);
            return null;
        }
        finally
        {
            slot.Gate.Release();
        }
    }

    private async Task BuildAsync(string database, AnnIndex index)
    {
        var started = TimeProvider.System.GetTimestamp();
        try
        {
            var added = await CatchUpAsync(database, index, _stopping.Token);
            index.Save();
            RagLogs.IndexBuilt(logger, database, added, index.Count, (long)TimeProvider.System.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Shutting down: what was added is saved on dispose and the rest follows on the next start.
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            RagLogs.IndexBuildFailed(logger, database, ex);
        }
    }

    /// <summary>Adds every chunk after the index's highest id, batch by batch.</summary>
    private async Task<long> CatchUpAsync(string database, AnnIndex index, CancellationToken cancellationToken)
    {
        long added = 0;
        while (true)
        {
            var batch = await store.ReadVectorsAfterAsync(database, index.MaxChunkId, BatchSize, index.Embedder.Dimensions, cancellationToken);
            if (batch.ChunkIds.Length == 0)
            {
                return added;
            }
            index.Add(batch);
            added += batch.ChunkIds.Length;
        }
    }

    /// <summary>Exact search reading the vectors batch by batch, for a database whose HNSW index is not ready.</summary>
    private async Task<IReadOnlyList<(long ChunkId, double Score)>> ScanAsync(string database, float[] query, int limit, CancellationToken cancellationToken)
    {
        var best = new TopK(limit);
        for (long after = 0; ;)
        {
            var batch = await store.ReadVectorsAfterAsync(database, after, BatchSize, query.Length, cancellationToken);
            if (batch.ChunkIds.Length == 0)
            {
                return best.Ranked();
            }
            for (var i = 0; i < batch.ChunkIds.Length; i++)
            {
                best.Offer(batch.ChunkIds[i], TensorPrimitives.CosineSimilarity(batch.VectorAt(i), query));
            }
            after = batch.ChunkIds[^1];
        }
    }

    private static IReadOnlyList<(long ChunkId, double Score)> Exact(RagVectorSet set, float[] query, int limit)
    {
        if (set.ChunkIds.Length == 0 || set.Dimensions != query.Length)
        {
            return [];
        }
        var best = new TopK(limit);
        for (var i = 0; i < set.ChunkIds.Length; i++)
        {
            best.Offer(set.ChunkIds[i], TensorPrimitives.CosineSimilarity(set.VectorAt(i), query));
        }
        return best.Ranked();
    }

    private async Task<RagVectorSet> GetAsync(string database, CancellationToken cancellationToken)
    {
        var version = await store.GetIndexVersionAsync(database, cancellationToken);
        if (_loaded.TryGetValue(database, out var set) && set.Version == version)
        {
            return set;
        }
        await _loadGate.WaitAsync(cancellationToken);
        try
        {
            if (_loaded.TryGetValue(database, out set) && set.Version == version)
            {
                return set;
            }
            set = await store.LoadVectorsAsync(database, cancellationToken);
            _loaded[database] = set;
            return set;
        }
        finally
        {
            _loadGate.Release();
        }
    }

    /// <summary>Stops background builds and saves every HNSW index that changed.</summary>
    public void Dispose()
    {
        _stopping.Cancel();
        foreach (var (database, slot) in _ann)
        {
            try
            {
                slot.Building?.Wait(TimeSpan.FromSeconds(30));
                slot.Index?.Save();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Cloud.Unum.USearch.USearchException or AggregateException)
            {
                RagLogs.IndexBuildFailed(logger, database, ex);
            }
            slot.Index?.Dispose();
        }
        _stopping.Dispose();
        _loadGate.Dispose();
    }

    private sealed class AnnSlot
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public AnnIndex? Index { get; set; }
        public Task? Building { get; set; }
    }

    /// <summary>The best <c>limit</c> scores offered so far: a min-heap, one pass, no full sort.</summary>
    private sealed class TopK(int limit)
    {
        private readonly PriorityQueue<long, float> _best = new(limit + 1);

        public void Offer(long id, float score)
        {
            if (_best.Count < limit)
            {
                _best.Enqueue(id, score);
            }
            else if (_best.TryPeek(out _, out var worst) && score > worst)
            {
                _best.DequeueEnqueue(id, score);
            }
        }

        public IReadOnlyList<(long ChunkId, double Score)> Ranked()
        {
            var result = new List<(long, double)>(_best.Count);
            while (_best.TryDequeue(out var id, out var score))
            {
                result.Add((id, score));
            }
            result.Reverse();
            return result;
        }
    }
}
