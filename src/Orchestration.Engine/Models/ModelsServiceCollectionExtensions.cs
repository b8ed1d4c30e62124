using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestration.Core.Pricing;
using Orchestration.Core.Routing;
using Orchestration.Engine.Health;
using Orchestration.Engine.Models.Providers.Ollama;

namespace Orchestration.Engine.Models;

public static class ModelsServiceCollectionExtensions
{
    /// <summary>
    /// The model layer: <see cref="IModelGateway"/> / <see cref="IModelStreamingGateway"/> (routing, budget, retry,
    /// telemetry, concurrency over the configured providers), <see cref="ModelRouter"/>, an Ollama
    /// <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>, and <see cref="IServiceHealth"/> with the provider probes.
    /// Needs the config sections (<c>AddConfigSections</c>, which also registers the <see cref="PriceCalculator"/>) and an
    /// <c>IBudgetLedger</c> (<c>AddBudget</c>).
    /// </summary>
    public static IServiceCollection AddModels(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        services.TryAddSingleton<ModelRouter>();
        services.TryAddSingleton<OllamaHostPool>();
        services.TryAddSingleton<ProviderPipelines>();
        services.TryAddSingleton<ModelGateway>();
        services.TryAddSingleton<IModelGateway>(sp => sp.GetRequiredService<ModelGateway>());
        services.TryAddSingleton<IModelStreamingGateway>(sp => sp.GetRequiredService<ModelGateway>());
        services.TryAddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(sp => new OllamaHostsEmbeddingGenerator(
            sp.GetRequiredService<OllamaHostPool>(), sp.GetRequiredService<ILoggerFactory>().CreateLogger("Orchestration.Engine.Models")));

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IServiceProbe, AnthropicProbe>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IServiceProbe, OllamaProbe>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IServiceProbe, OpenAIProbe>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IServiceProbe, SimulatedProbe>());
        services.TryAddSingleton<IServiceHealth, ServiceHealth>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ModelStartupLog>());
        return services;
    }
}
