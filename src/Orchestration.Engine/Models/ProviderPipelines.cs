using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Orchestration.Core.Configuration;
using Orchestration.Core.Pricing;
using Orchestration.Core.Routing;
using Orchestration.Engine.Budget;
using Orchestration.Engine.Health;
using Orchestration.Engine.Models.Pipeline;
using Orchestration.Engine.Models.Providers;
using Orchestration.Engine.Models.Providers.Ollama;
using Orchestration.Engine.Models.Simulated;

namespace Orchestration.Engine.Models;

/// <summary>
/// One composed <see cref="IChatClient"/> per provider, built on first use. Outermost first: budget (reserve,
/// settle, record usage) → OpenTelemetry GenAI span → retry with backoff → concurrency bound → orch.* filter →
/// prompt caching (Anthropic) → the provider's SDK client.
/// </summary>
internal sealed class ProviderPipelines(
    AnthropicOptions anthropic, OllamaHostPool ollamaHosts, OpenAIOptions openai, SimulatedOptions simulated, ExecutionOptions execution,
    PriceCalculator prices, IBudgetLedger ledger, IServiceHealth health, TimeProvider time, ILoggerFactory loggerFactory) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<IChatClient>> _clients = new(StringComparer.Ordinal);
    private readonly ILogger _logger = loggerFactory.CreateLogger("Orchestration.Engine.Models");

    public IChatClient For(string provider) =>
        _clients.GetOrAdd(provider, p => new Lazy<IChatClient>(() => Build(p))).Value;

    private IChatClient Build(string provider)
    {
        var builder = new ChatClientBuilder(CreateProviderClient(provider))
            .Use(inner => new BudgetChatClient(inner, ledger, prices, time, _logger))
            .UseOpenTelemetry(loggerFactory, ModelTelemetry.SourceName, otel => otel.EnableSensitiveData = false)
            .Use(inner => new RetryChatClient(inner, provider, RetryPolicyFor(provider), time, _logger))
            .Use(inner => new ConcurrencyLimitChatClient(inner, new SemaphoreSlim(LimitFor(provider))));
        if (provider != ProviderNames.Simulated)
        {
            builder.Use(inner => new OrchestrationPropertiesFilterChatClient(inner));
        }
        if (provider == ProviderNames.Anthropic && anthropic.PromptCaching)
        {
            builder.Use(inner => new AnthropicPromptCachingChatClient(inner));
        }
        return builder.Build();
    }

    private IChatClient CreateProviderClient(string provider) => provider switch
    {
        ProviderNames.Anthropic => AnthropicProvider.CreateChatClient(AnthropicProvider.CreateClient(anthropic), execution.DefaultMaxTokens),
        ProviderNames.Ollama => new OllamaHostsChatClient(ollamaHosts, health, _logger),
        ProviderNames.OpenAI => new OpenAIModelsChatClient(
            OpenAIModelsChatClient.CreateClient(
                openai.BaseUrl ?? throw new InvalidOperationException("'openai.base_url' is not configured."),
                openai.ApiKey, TimeSpan.FromSeconds(execution.HttpClientTimeout)),
            openai.Models.Values.FirstOrDefault() ?? "default"),
        ProviderNames.Simulated => new SimulatedChatClient(simulated, time, _logger),
        _ => throw new InvalidOperationException($"Unknown model provider '{provider}'."),
    };

    /// <summary>anthropic.max_concurrent bounds Anthropic; the others are bounded by execution.max_concurrent_tasks.</summary>
    private int LimitFor(string provider) =>
        provider == ProviderNames.Anthropic ? anthropic.MaxConcurrent : Math.Max(1, execution.MaxConcurrentTasks);

    /// <summary>The simulated provider backs off on its own latency scale, so demos with injected failures stay quick.</summary>
    private RetryPolicy RetryPolicyFor(string provider)
    {
        var policy = RetryPolicy.Default(anthropic.MaxRetries);
        if (provider != ProviderNames.Simulated)
        {
            return policy;
        }
        var latency = TimeSpan.FromMilliseconds(simulated.LatencyMs);
        return policy with { BaseDelay = latency, MaxDelay = latency * 10 };
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values.Where(c => c.IsValueCreated))
        {
            client.Value.Dispose();
        }
    }
}
