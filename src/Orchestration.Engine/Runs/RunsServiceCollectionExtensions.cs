using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Orchestration.Engine.Runs;

public static class RunsServiceCollectionExtensions
{
    /// <summary>The execution stores (runs, attempts, people's actions), written once over whichever backend registered
    /// <see cref="Storage.Execution.IExecutionDatabase"/>.</summary>
    public static IServiceCollection AddRunStores(this IServiceCollection services)
    {
        services.TryAddSingleton<IRunStore, RunStore>();
        services.TryAddSingleton<IAttemptStore, AttemptStore>();
        services.TryAddSingleton<IReviewStore, ReviewStore>();
        return services;
    }
}
