using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orchestration.Core.Configuration;
using Orchestration.Core.Pricing;

namespace Orchestration.Engine.Configuration;

public static class ConfigSectionsServiceCollectionExtensions
{
    /// <summary>
    /// Registers each section of a bound and validated config (<see cref="ConfigBinder"/>) as its own singleton, so that
    /// every component takes only the sections it reads: <see cref="ServerOptions"/>, <see cref="DatabaseOptions"/>,
    /// <see cref="ProvidersOptions"/>, <see cref="AnthropicOptions"/>, <see cref="OllamaOptions"/>,
    /// <see cref="OpenAIOptions"/>, <see cref="SimulatedOptions"/>, <see cref="ComfyUIOptions"/>, <see cref="RagOptions"/>,
    /// <see cref="BudgetOptions"/>, <see cref="ExecutionOptions"/>, <see cref="RoutingOptions"/>, <see cref="GitOptions"/>
    /// and <see cref="AuthOptions"/>; <c>model_pricing</c> as the <see cref="PriceCalculator"/> that reads it, and
    /// <c>resource_check_interval_sec</c> as <see cref="ResourceCheckOptions"/>.
    /// </summary>
    /// <remarks>NOTE: only the composition root (the server's hosting, test and bench hosts) holds the whole
    /// <see cref="OrchestrationConfig"/>; it is not registered itself.</remarks>
    public static IServiceCollection AddConfigSections(this IServiceCollection services, OrchestrationConfig config)
    {
        services.TryAddSingleton(config.Server);
        services.TryAddSingleton(config.Database);
        services.TryAddSingleton(config.Providers);
        services.TryAddSingleton(config.Anthropic);
        services.TryAddSingleton(config.Ollama);
        services.TryAddSingleton(config.Openai);
        services.TryAddSingleton(config.Simulated);
        services.TryAddSingleton(config.Comfyui);
        services.TryAddSingleton(config.Rag);
        services.TryAddSingleton(config.Budget);
        services.TryAddSingleton(config.Execution);
        services.TryAddSingleton(config.Routing);
        services.TryAddSingleton(config.Git);
        services.TryAddSingleton(config.Auth);
        services.TryAddSingleton(new PriceCalculator(config.ModelPricing));
        services.TryAddSingleton(new ResourceCheckOptions { IntervalSec = config.ResourceCheckIntervalSec });
        return services;
    }
}
