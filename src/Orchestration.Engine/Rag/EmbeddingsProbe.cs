using System.Diagnostics;
using Orchestration.Core.Configuration;
using Orchestration.Engine.Health;

namespace Orchestration.Engine.Rag;

/// <summary>
/// <c>embeddings</c> in <c>GET /api/services</c>: online when the configured embedder turns a probe sentence into a
/// vector of the expected size. For the embedded model that means it loaded (the first probe loads it).
/// </summary>
internal sealed class EmbeddingsProbe(RagEmbedder embedder, RagOptions rag) : IServiceProbe
{
    public const string Id = "embeddings";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    // The embedded model answers from memory once loaded; the first probe may also load it, which on a busy machine
    // takes several times its usual ~2 s.
    private static readonly TimeSpan EmbeddedTimeout = TimeSpan.FromSeconds(60);

    public async Task<IReadOnlyList<ServiceStatus>> ProbeAsync(CancellationToken cancellationToken)
    {
        var details = new Dictionary<string, object?>
        {
            ["embedder"] = embedder.Stamp.Name,
            ["dimensions"] = embedder.Stamp.Dimensions,
            ["embedded"] = embedder.IsEmbedded,
            ["databases"] = rag.Databases.Keys.ToList(),
        };
        string status;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var limit = embedder.IsEmbedded ? EmbeddedTimeout : Timeout;
        timeout.CancelAfter(limit);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await embedder.EmbedAsync(["Is the embedding model available?"], timeout.Token);
            status = ServiceStatus.Online;
            details["probe_ms"] = Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (embedder.IsEmbedded && MiniLmEmbeddingGenerator.LoadTime is { } load)
            {
                details["load_ms"] = Math.Round(load.TotalMilliseconds);
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            status = ServiceStatus.Offline;
            details["error"] = ex is OperationCanceledException ? $"no answer within {limit.TotalSeconds:0} s" : ex.Message;
        }
        var method = embedder.IsEmbedded ? "embedded model" : "POST /api/embed";
        return [new ServiceStatus(Id, "Embeddings (knowledge databases)", status, method, details, "rag")];
    }
}
