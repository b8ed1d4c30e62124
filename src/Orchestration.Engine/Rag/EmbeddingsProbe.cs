using System.Diagnostics;
using Orchestration.Core.Configuration;
using Orchestration.Engine.Health;

namespace Orchestration.Engine.Rag;

/// <summary>
/// <c>embeddings</c> in <c>GET /api/services</c>. Ollama's embedder is online when it turns a probe sentence into a
/// vector. The embedded model is part of the server, so it is always available; the probe only says whether it is in
/// memory (<c>loaded</c>): a health check never loads it (90 MB for nothing), the first real embedding does.
/// </summary>
internal sealed class EmbeddingsProbe(RagEmbedder embedder, RagOptions rag) : IServiceProbe
{
    public const string Id = "embeddings";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public async Task<IReadOnlyList<ServiceStatus>> ProbeAsync(CancellationToken cancellationToken)
    {
        var details = new Dictionary<string, object?>
        {
            ["embedder"] = embedder.Stamp.Name,
            ["dimensions"] = embedder.Stamp.Dimensions,
            ["embedded"] = embedder.IsEmbedded,
            ["databases"] = rag.Databases.Keys.ToList(),
        };
        if (embedder.IsEmbedded)
        {
            details["loaded"] = MiniLmEmbeddingGenerator.IsLoaded;
            details["idle_unload_minutes"] = MiniLmEmbeddingGenerator.IdleUnload.TotalMinutes;
            if (MiniLmEmbeddingGenerator.IsLoaded && MiniLmEmbeddingGenerator.LoadTime is { } loaded)
            {
                details["load_ms"] = Math.Round(loaded.TotalMilliseconds);
            }
            return [new ServiceStatus(Id, "Embeddings (knowledge databases)", ServiceStatus.Online, "embedded model", details, "rag")];
        }
        string status;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var limit = Timeout;
        timeout.CancelAfter(limit);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await embedder.EmbedAsync(["Is the embedding model available?"], timeout.Token);
            status = ServiceStatus.Online;
            details["probe_ms"] = Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            status = ServiceStatus.Offline;
            details["error"] = ex is OperationCanceledException ? $"no answer within {limit.TotalSeconds:0} s" : ex.Message;
        }
        return [new ServiceStatus(Id, "Embeddings (knowledge databases)", status, "POST /api/embed", details, "rag")];
    }
}
