using OllamaSharp;

namespace Orchestration.Engine.Models.Providers.Ollama;

/// <summary>One configured Ollama host: its chat and embedding clients and what the balancer tracks of it (requests
/// in flight, rotation, models). Thread-safe: requests and health checks update it concurrently.</summary>
internal sealed class OllamaHost(string name, string url, OllamaApiClient chat, OllamaApiClient embed) : IDisposable
{
    private int _inFlight;
    private volatile bool _inRotation = true;
    private volatile IReadOnlySet<string>? _models;

    public string Name { get; } = name;
    public string Url { get; } = url;
    public OllamaApiClient Chat { get; } = chat;
    /// <summary>With ollama.embed_timeout rather than the generation timeout.</summary>
    public OllamaApiClient Embed { get; } = embed;
    public int InFlight => Volatile.Read(ref _inFlight);
    public bool InRotation => _inRotation;
    public IReadOnlySet<string>? Models => _models;
    public OllamaHostView View => new(Name, _inRotation, _models, InFlight);

    /// <summary>Called by <see cref="OllamaHostPool"/> under its lock, so a choice and its count are one step.</summary>
    internal void Enter() => Interlocked.Increment(ref _inFlight);

    /// <summary>Once per <see cref="Enter"/>, when the request ends in any way (answer, failure, cancellation, a
    /// stream read to its end or dropped).</summary>
    public void Leave() => Interlocked.Decrement(ref _inFlight);

    /// <summary>A health check read its models: the host is back in rotation.</summary>
    public void CheckSucceeded(IEnumerable<string> models)
    {
        _models = models.ToHashSet(StringComparer.Ordinal);
        _inRotation = true;
    }

    /// <summary>A request or a health check got no usable answer: skipped until a health check succeeds.</summary>
    public void Failed() => _inRotation = false;

    public void Dispose()
    {
        Chat.Dispose();
        Embed.Dispose();
    }
}
