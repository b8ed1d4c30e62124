using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orchestration.Core.Configuration;
using Orchestration.Engine.Health;
using Orchestration.Storage.Rag;

namespace Orchestration.Engine.Rag;

public static class RagServiceCollectionExtensions
{
    /// <summary>
    /// The knowledge databases of <c>rag.databases</c>: <see cref="IRagSearch"/> (for the tools), <see cref="IRagCatalog"/>
    /// (for the API), the embedder of <c>rag.embedder</c> and the <c>embeddings</c> service probe. Needs the config
    /// sections (AddConfigSections), the host's <c>IRagStore</c> (AddRagStorage) and, with <c>rag.embedder = ollama</c>,
    /// the Ollama embedding generator of <c>AddModels</c>.
    /// </summary>
    public static IServiceCollection AddRag(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        services.TryAddSingleton(CreateEmbedder);
        services.TryAddSingleton<VectorIndex>();
        services.TryAddSingleton<RagService>();
        services.TryAddSingleton<IRagSearch>(sp => sp.GetRequiredService<RagService>());
        services.TryAddSingleton<IRagCatalog>(sp => sp.GetRequiredService<RagService>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IServiceProbe, EmbeddingsProbe>());
        return services;
    }

    private static RagEmbedder CreateEmbedder(IServiceProvider services)
    {
        var rag = services.GetRequiredService<RagOptions>();
        if (rag.Embedder == RagOptions.OllamaEmbedder)
        {
            var ollama = services.GetService<IEmbeddingGenerator<string, Embedding<float>>>()
                ?? throw new InvalidOperationException("'rag.embedder' is 'ollama' but no Ollama embedding generator is registered (AddModels).");
            return new RagEmbedder(ollama, new RagEmbedderStamp($"ollama/{services.GetRequiredService<OllamaOptions>().EmbedModel}", rag.EmbedDimensions), embedded: false);
        }
        return new RagEmbedder(
            new MiniLmEmbeddingGenerator(),
            new RagEmbedderStamp($"minilm/{MiniLmEmbeddingGenerator.ModelId}", MiniLmEmbeddingGenerator.Dimensions),
            embedded: true);
    }
}
