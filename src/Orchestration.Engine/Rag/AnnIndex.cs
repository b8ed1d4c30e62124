using System.Text.Json;
using Cloud.Unum.USearch;
using Orchestration.Storage.Rag;

namespace Orchestration.Engine.Rag;

/// <summary>
/// An approximate nearest-neighbour index (HNSW, from USearch) over one database's chunk vectors, keyed by chunk id.
/// Vectors are held as int8 (cosine), a quarter of their float32 size: about 0.5 GB for a million 384-dimension
/// chunks with the graph. The caller re-ranks the candidates it returns with the exact float32 vectors.
/// Persisted as <c>FILE.hnsw</c> plus <c>FILE.hnsw.json</c> (which embedder built it, and which chunks it holds).
/// </summary>
internal sealed class AnnIndex : IDisposable
{
    // Building with ef 128 rather than 64 doubles the build time and lifts recall@10 at a million chunks from 0.94 to
    // 0.998 (README.md, "Knowledge databases"); searching wider with the weaker graph barely helped.
    private const ulong Connectivity = 16, ExpansionAdd = 128, ExpansionSearch = 500;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly object _native = new();
    private readonly string _path;
    private USearchIndex _index;
    private bool _dirty;

    private AnnIndex(string path, RagEmbedderStamp embedder, USearchIndex index, long count, long maxChunkId)
    {
        _path = path;
        Embedder = embedder;
        _index = index;
        Count = count;
        MaxChunkId = maxChunkId;
    }

    public RagEmbedderStamp Embedder { get; }

    /// <summary>Vectors held (added minus removed).</summary>
    public long Count { get; private set; }

    /// <summary>The highest chunk id added: every chunk up to it is in the index unless it was removed.</summary>
    public long MaxChunkId { get; private set; }

    public RagIndexVersion Version => new(Count, MaxChunkId);

    /// <summary>The index saved at <paramref name="path"/> when it was built by <paramref name="embedder"/>; otherwise an empty one.</summary>
    public static AnnIndex Open(string path, RagEmbedderStamp embedder)
    {
        if (File.Exists(path) && File.Exists(path + ".json")
            && JsonSerializer.Deserialize<Manifest>(File.ReadAllText(path + ".json"), Json) is { } manifest
            && manifest.Embedder == embedder.Name && manifest.Dimensions == embedder.Dimensions)
        {
            try
            {
                return new AnnIndex(path, embedder, new USearchIndex(path), manifest.Count, manifest.MaxChunkId);
            }
            catch (USearchException)
            {
                // A damaged file is rebuilt from the database.
            }
        }
        return new AnnIndex(path, embedder, Create(embedder), 0, 0);
    }

    /// <summary>Adds a batch of vectors whose ids are all above <see cref="MaxChunkId"/>.</summary>
    public void Add(RagVectorBatch batch)
    {
        if (batch.ChunkIds.Length == 0)
        {
            return;
        }
        var keys = new ulong[batch.ChunkIds.Length];
        var vectors = new float[keys.Length][];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = (ulong)batch.ChunkIds[i];
            vectors[i] = batch.VectorAt(i).ToArray();
        }
        lock (_native)
        {
            _index.Add(keys, vectors);
            Count += keys.Length;
            MaxChunkId = batch.ChunkIds[^1];
            _dirty = true;
        }
    }

    public void Remove(IReadOnlyCollection<long> chunkIds)
    {
        lock (_native)
        {
            foreach (var id in chunkIds)
            {
                if (id <= MaxChunkId)
                {
                    Count -= _index.Remove((ulong)id);
                    _dirty = true;
                }
            }
        }
    }

    /// <summary>Drops every vector (to rebuild from the database).</summary>
    public void Clear()
    {
        lock (_native)
        {
            _index.Dispose();
            _index = Create(Embedder);
            (Count, MaxChunkId, _dirty) = (0, 0, true);
        }
    }

    /// <summary>The ids of (about) the <paramref name="count"/> nearest vectors, nearest first.</summary>
    public ulong[] Search(float[] query, int count)
    {
        lock (_native)
        {
            _index.Search(query, count, out var keys, out _);
            return keys;
        }
    }

    /// <summary>Writes the index and its manifest when they changed, each through a temporary file and a rename.</summary>
    public void Save()
    {
        lock (_native)
        {
            if (!_dirty)
            {
                return;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(_path))!);
            _index.Save(_path + ".tmp");
            File.WriteAllText(_path + ".json.tmp", JsonSerializer.Serialize(new Manifest(Embedder.Name, Embedder.Dimensions, Count, MaxChunkId), Json));
            File.Move(_path + ".tmp", _path, overwrite: true);
            File.Move(_path + ".json.tmp", _path + ".json", overwrite: true);
            _dirty = false;
        }
    }

    public void Dispose()
    {
        lock (_native)
        {
            _index.Dispose();
        }
    }

    private static USearchIndex Create(RagEmbedderStamp embedder) =>
        new(MetricKind.Cos, ScalarKind.Int8, (ulong)embedder.Dimensions, Connectivity, ExpansionAdd, ExpansionSearch);

    private sealed record Manifest(string Embedder, int Dimensions, long Count, long MaxChunkId);
}
