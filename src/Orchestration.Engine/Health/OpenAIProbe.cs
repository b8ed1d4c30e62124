using Orchestration.Core.Configuration;
using Orchestration.Core.Routing;
using Orchestration.Engine.Models.Providers;

namespace Orchestration.Engine.Health;

/// <summary>openai_api, listed when openai.base_url is configured; probed with GET /models.</summary>
internal sealed class OpenAIProbe(OpenAIOptions openai, ModelRouter router) : IServiceProbe
{
    private readonly Lazy<OpenAI.OpenAIClient> _client = new(() =>
        OpenAIModelsChatClient.CreateClient(openai.BaseUrl!, openai.ApiKey, ProviderProbes.Timeout));

    public async Task<IReadOnlyList<ServiceStatus>> ProbeAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(openai.BaseUrl))
        {
            return [];
        }
        var details = new Dictionary<string, object?>
        {
            ["base_url"] = openai.BaseUrl,
            ["is_default"] = router.DefaultProvider == ProviderNames.OpenAI,
            ["models"] = openai.Models,
        };
        string status;
        try
        {
            var models = await _client.Value.GetOpenAIModelClient().GetModelsAsync(cancellationToken);
            status = ServiceStatus.Online;
            details["models_available"] = models.Value.Count;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            (status, var error) = ProviderProbes.Classify(ex);
            details["error"] = error;
        }
        return [new ServiceStatus(ProviderProbes.OpenAIId, "OpenAI-compatible API", status, "GET /models", details, ProviderProbes.Category)];
    }
}
