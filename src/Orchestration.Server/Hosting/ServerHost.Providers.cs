using Orchestration.Core.Configuration;

namespace Orchestration.Server.Hosting;

public static partial class ServerHost
{
    /// <summary>Which model provider answers by default, said plainly (the simulated one is never passed off as real).</summary>
    private static string ModelProviderDescription(IServiceProvider services, OrchestrationConfig config)
    {
        _ = services;
        var hasAnthropicKey = !string.IsNullOrEmpty(config.Anthropic.ApiKey);
        return config.Providers.Default switch
        {
            "auto" when hasAnthropicKey => "anthropic",
            "auto" => "none configured (no Anthropic API key; model calls are not available yet)",
            var other => other,
        };
    }
}
