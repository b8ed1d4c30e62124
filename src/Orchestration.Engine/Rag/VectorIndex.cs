using System.Collections.Concurrent;
using System.Numerics.Tensors;
using Orchestration.Storage.Rag;

namespace Orchestration.Engine.Rag;

/// <summary>
/// Exact nearest-neighbour search: every chunk vector of a database kept in memory (4 bytes × dimensions per chunk,
/// 1.5 KB with MiniLM) and compared by cosine similarity. The copy is reloaded when the database's chunk count or
/// highest chunk id changes, which every write does.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001",
    Justification = "SemaphoreSlim needs disposing only when its wait handle is used; this one lives as long as the process.")]
internal sealed class VectorIndex(IRagStore store)
{
    private readonly ConcurrentDictionary<string, RagVectorSet> _loaded = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _loadGate = new(1, 1);

    public async Task<IReadOnlyList<(long ChunkId, double Score)>> SearchAsync(
        string database, float[] query, int limit, CancellationToken cancellationToken)
    {
        var set = await GetAsync(database, cancellationToken);
        if (set.ChunkIds.Length == 0 || set.Dimensions != query.Length)
        {
            return [];
        }
        // A min-heap of the best `limit` so far: one pass, no full sort.
        var best = new PriorityQueue<long, float>(limit + 1);
        for (var i = 0; i < set.ChunkIds.Length; i++)
        {
            var score = TensorPrimitives.CosineSimilarity(set.VectorAt(i), query);
            if (best.Count < limit)
            {
                best.Enqueue(set.ChunkIds[i], score);
            }
            else if (best.TryPeek(out _, out var worst) && score > worst)
            {
                best.DequeueEnqueue(set.ChunkIds[i], score);
            }
        }
        var result = new List<(long, double)>(best.Count);
        while (best.TryDequeue(out var id, out var score))
        {
            result.Add((id, score));
        }
        result.Reverse();
        return result;
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
}
