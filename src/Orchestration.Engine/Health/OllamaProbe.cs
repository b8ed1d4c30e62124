using OllamaSharp;
using Orchestration.Core.Configuration;
using Orchestration.Core.Routing;
using Orchestration.Engine.Models.Providers;

namespace Orchestration.Engine.Health;

/// <summary>ollama_&lt;host&gt; for each configured host, probed with GET /api/tags; degraded when the host answers
/// but does not have the default model.</summary>
internal sealed class OllamaProbe(OllamaOptions ollama, ModelRouter router) : IServiceProbe, IDisposable
{
    private readonly Dictionary<string, (HttpClient Http, OllamaApiClient Client)> _clients = ollama.Hosts.ToDictionary(
        h => h.Key, h =>
        {
            var http = ProviderHttp.Create(ProviderProbes.Timeout, ProviderHttp.BaseUri(h.Value));
            return (http, new OllamaApiClient(http));
        });

    public void Dispose()
    {
        foreach (var (http, client) in _clients.Values)
        {
            client.Dispose();
            http.Dispose();
        }
    }

    public async Task<IReadOnlyList<ServiceStatus>> ProbeAsync(CancellationToken cancellationToken) =>
        await Task.WhenAll(ollama.Hosts.Select(h => ProbeHostAsync(h.Key, h.Value, cancellationToken)));

    private async Task<ServiceStatus> ProbeHostAsync(string name, string url, CancellationToken cancellationToken)
    {
        var details = new Dictionary<string, object?>
        {
            ["host"] = name,
            ["url"] = url,
            ["default_model"] = ollama.DefaultModel,
            ["is_default"] = router.DefaultProvider == ProviderNames.Ollama,
        };
        string status;
        var client = _clients[name].Client;
        try
        {
            var models = (await client.ListLocalModelsAsync(cancellationToken)).Select(m => m.Name).ToList();
            var available = models.Contains(ollama.DefaultModel, StringComparer.Ordinal);
            details["models"] = models;
            details["model_available"] = available;
            status = available ? ServiceStatus.Online : ServiceStatus.Degraded;
            if (!available)
            {
                details["error"] = $"model '{ollama.DefaultModel}' is not pulled on this host";
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            (status, var error) = ProviderProbes.Classify(ex);
            details["error"] = error;
        }
        return new ServiceStatus(ProviderProbes.OllamaPrefix + name, $"Ollama ({name})", status, "GET /api/tags", details, ProviderProbes.Category);
    }
}
