using Orchestration.Core.Configuration;
using OllamaSharp;

namespace Orchestration.Engine.Models.Providers.Ollama;

/// <summary>
/// The configured Ollama hosts (<c>ollama.hosts</c>, in config order) with their balancing state, shared by the chat
/// and embedding clients, which take hosts from it per request, and the health probe, which feeds it each host's models.
/// </summary>
internal sealed class OllamaHostPool : IDisposable
{
    private readonly Lock _gate = new();
    private readonly IReadOnlyDictionary<string, List<string>> _modelHosts;

    public OllamaHostPool(OllamaOptions options)
    {
        if (options.Hosts.Count == 0)
        {
            throw new InvalidOperationException("'ollama.hosts' is empty: configure at least one Ollama host.");
        }
        var timeout = TimeSpan.FromSeconds(options.GenerateTimeout);
        var embedTimeout = TimeSpan.FromSeconds(options.EmbedTimeout);
        Hosts = [.. options.Hosts.Select(h => new OllamaHost(h.Key, h.Value,
            new OllamaApiClient(ProviderHttp.Create(timeout, ProviderHttp.BaseUri(h.Value), readTimeout: timeout), options.DefaultModel),
            new OllamaApiClient(ProviderHttp.Create(embedTimeout, ProviderHttp.BaseUri(h.Value)), options.EmbedModel)))];
        DefaultModel = options.DefaultModel;
        EmbedModel = options.EmbedModel;
        _modelHosts = options.ModelHosts;
    }

    public IReadOnlyList<OllamaHost> Hosts { get; }
    public string DefaultModel { get; }
    public string EmbedModel { get; }

    public OllamaHost? Find(string name) => Hosts.FirstOrDefault(h => h.Name == name);

    /// <summary>Chooses a host for the model (<see cref="OllamaHostChoice"/>) and counts the request in its in-flight
    /// total; the caller calls <see cref="OllamaHost.Leave"/> when the request ends. Only called while
    /// <see cref="HasUntried"/> (always so with nothing tried).</summary>
    public (int Index, OllamaHost Host) Acquire(string model, IReadOnlySet<int> tried)
    {
        // NOTE: choice and count under one lock, or concurrent requests would all see the same idle host.
        lock (_gate)
        {
            var index = Choose(model, tried);
            if (index < 0)
            {
                throw new InvalidOperationException($"Every Ollama host for '{model}' has been tried.");
            }
            Hosts[index].Enter();
            return (index, Hosts[index]);
        }
    }

    /// <summary>Whether a host not tried yet may still take the request.</summary>
    public bool HasUntried(string model, IReadOnlySet<int> tried) => Choose(model, tried) >= 0;

    private int Choose(string model, IReadOnlySet<int> tried) =>
        OllamaHostChoice.Choose([.. Hosts.Select(h => h.View)], model, _modelHosts.GetValueOrDefault(model), tried);

    public void Dispose()
    {
        foreach (var host in Hosts)
        {
            host.Dispose();
        }
    }
}
