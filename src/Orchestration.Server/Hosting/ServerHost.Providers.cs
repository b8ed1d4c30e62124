using Orchestration.Core.Configuration;
using Orchestration.Core.Routing;

namespace Orchestration.Server.Hosting;

public static partial class ServerHost
{
    /// <summary>Which model provider answers by default, said plainly (the simulated one is never passed off as real).</summary>
    private static string ModelProviderDescription(IServiceProvider services, OrchestrationConfig config)
    {
        var router = services.GetRequiredService<ModelRouter>();
        return router.IsSimulated
            ? "SIMULATED (offline, generated answers; set ANTHROPIC_API_KEY for real models)"
            : $"{router.DefaultProvider} (providers.default = {config.Providers.Default})";
    }
}
