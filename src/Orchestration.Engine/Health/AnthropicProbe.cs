using Anthropic.Models.Models;
using Orchestration.Core.Configuration;
using Orchestration.Core.Routing;
using Orchestration.Engine.Models.Providers;

namespace Orchestration.Engine.Health;

/// <summary>anthropic_api: listed always; probed with GET /v1/models when a key is configured.</summary>
internal sealed class AnthropicProbe(AnthropicOptions anthropic, ModelRouter router) : IServiceProbe, IDisposable
{
    private readonly Lazy<Anthropic.AnthropicClient> _client = new(() => AnthropicProvider.CreateClient(anthropic));

    public void Dispose()
    {
        if (_client.IsValueCreated)
        {
            _client.Value.Dispose();
        }
    }

    public async Task<IReadOnlyList<ServiceStatus>> ProbeAsync(CancellationToken cancellationToken)
    {
        var details = new Dictionary<string, object?>
        {
            ["configured"] = !string.IsNullOrWhiteSpace(anthropic.ApiKey),
            ["base_url"] = anthropic.BaseUrl,
            ["is_default"] = router.DefaultProvider == ProviderNames.Anthropic,
            ["models"] = anthropic.Models,
        };
        string status;
        if (string.IsNullOrWhiteSpace(anthropic.ApiKey))
        {
            status = ServiceStatus.Offline;
            details["error"] = "no API key configured (anthropic.api_key or ANTHROPIC_API_KEY)";
        }
        else
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ProviderProbes.Timeout);
            try
            {
                var page = await _client.Value.WithOptions(o => o with { Timeout = ProviderProbes.Timeout })
                    .Models.List(new ModelListParams(), timeout.Token);
                status = ServiceStatus.Online;
                details["models_available"] = page.Items.Count;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                (status, var error) = ProviderProbes.Classify(ex);
                details["error"] = error;
            }
        }
        return [new ServiceStatus(ProviderProbes.AnthropicId, "Anthropic API", status, "GET /v1/models", details, ProviderProbes.Category)];
    }
}
