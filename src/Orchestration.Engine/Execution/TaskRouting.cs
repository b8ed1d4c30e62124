using Orchestration.Core.Configuration;
using Orchestration.Core.Domain;
using Orchestration.Core.Routing;
using Orchestration.Engine.Health;

namespace Orchestration.Engine.Execution;

/// <summary>
/// docs/executor.md, offline local models: a task whose tier runs on a local model server that is offline moves one
/// tier up (with routing.fallback_when_offline) or waits for it. Only the local provider is checked before a call: paid
/// APIs that fail answer with errors the retry policy handles, and probing them on every task would cost a round trip.
/// </summary>
internal sealed class TaskRouting(ModelRouter router, RoutingOptions routing, ResourceCheckOptions resources, IServiceHealth? health = null)
{
    public async Task<TaskRoute> RouteAsync(ModelTier tier, CancellationToken cancellationToken)
    {
        var provider = router.ProviderFor(tier);
        if (health is null || provider != ProviderNames.Ollama || await health.IsProviderAvailableAsync(provider, cancellationToken))
        {
            return new TaskRoute(tier, null, null);
        }
        if (routing.FallbackWhenOffline)
        {
            for (var up = ModelRouter.OneUp(tier); up is { } next; up = ModelRouter.OneUp(next))
            {
                var nextProvider = router.ProviderFor(next);
                if (nextProvider != ProviderNames.Ollama || await health.IsProviderAvailableAsync(nextProvider, cancellationToken))
                {
                    return new TaskRoute(next, provider, null);
                }
            }
        }
        return new TaskRoute(tier, null, provider);
    }

    public string ProviderOf(ModelTier tier) => router.ProviderFor(tier);

    /// <summary>How long a task waits for an offline provider before it is tried again.</summary>
    public TimeSpan RecheckAfter => TimeSpan.FromSeconds(Math.Max(1, resources.IntervalSec));
}

/// <param name="Tier">The tier to run on.</param>
/// <param name="FallbackFrom">The offline provider the task moved away from (null: no fallback).</param>
/// <param name="WaitingFor">The offline provider the task must wait for (null: it may run now).</param>
internal sealed record TaskRoute(ModelTier Tier, string? FallbackFrom, string? WaitingFor);
