using OllamaSharp;
using Orchestration.Core.Configuration;
using Orchestration.Core.Routing;
using Orchestration.Engine.Models.Providers;
using Orchestration.Engine.Models.Providers.Ollama;

namespace Orchestration.Engine.Health;

/// <summary>ollama_&lt;host&gt; for each configured host, probed with GET /api/tags; degraded when the host answers
/// but does not have the default model. Each check feeds the balancer (<see cref="OllamaHostPool"/>): the models a host
/// has, and whether it takes requests. Every read shows the host's requests in flight as they are now.</summary>
internal sealed class OllamaProbe(OllamaOptions ollama, ModelRouter router, OllamaHostPool pool) : ILiveServiceProbe, IDisposable
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

    public ServiceStatus WithLiveDetails(ServiceStatus status)
    {
        if (!status.Id.StartsWith(ProviderProbes.OllamaPrefix, StringComparison.Ordinal)
            || pool.Find(status.Id[ProviderProbes.OllamaPrefix.Length..]) is not { } host)
        {
            return status;
        }
        return status with
        {
            Details = new Dictionary<string, object?>(status.Details) { ["in_flight"] = host.InFlight, ["in_rotation"] = host.InRotation },
        };
    }

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
        var host = pool.Find(name);
        try
        {
            var models = (await client.ListLocalModelsAsync(cancellationToken)).Select(m => m.Name).ToList();
            host?.CheckSucceeded(models);
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
            host?.Failed();
            (status, var error) = ProviderProbes.Classify(ex);
            details["error"] = error;
        }
        return new ServiceStatus(ProviderProbes.OllamaPrefix + name, $"Ollama ({name})", status, "GET /api/tags", details, ProviderProbes.Category);
    }
}
