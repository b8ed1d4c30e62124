using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Orchestration.Engine.Models.Providers.Ollama;

/// <summary>
/// Ollama's /api/embed with ollama.embed_model, balanced over the configured hosts as chat is
/// (<see cref="OllamaHostsChatClient"/>): the host in rotation with the fewest requests in flight that has the model;
/// a host that fails (no HTTP answer, or 5xx) leaves the rotation and the call moves to the next one.
/// </summary>
internal sealed class OllamaHostsEmbeddingGenerator(OllamaHostPool pool, ILogger logger) : IEmbeddingGenerator<string, Embedding<float>>
{
    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = values as IList<string> ?? [.. values];
        var model = options?.ModelId ?? pool.EmbedModel;
        var tried = new HashSet<int>();
        while (true)
        {
            var (index, host) = pool.Acquire(model, tried);
            try
            {
                return await ((IEmbeddingGenerator<string, Embedding<float>>)host.Embed).GenerateAsync(list, options, cancellationToken);
            }
            catch (HttpRequestException ex) when (ex.StatusCode is null || (int)ex.StatusCode >= 500)
            {
                host.Failed();
                tried.Add(index);
                ModelLogs.OllamaHostDown(logger, host.Name);
                if (!pool.HasUntried(model, tried))
                {
                    throw;
                }
            }
            finally
            {
                host.Leave();
            }
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(EmbeddingGeneratorMetadata)
            ? new EmbeddingGeneratorMetadata("ollama", pool.Hosts[0].Embed.Uri, pool.EmbedModel)
            : serviceType.IsInstanceOfType(this) ? this : null;

    /// <summary>The pool owns the hosts' clients.</summary>
    public void Dispose()
    {
    }
}
