using Microsoft.Extensions.DependencyInjection.Extensions;
using Orchestration.Core.Spend;

namespace Orchestration.Server.Spend;

public static class SpendServiceCollectionExtensions
{
    /// <summary>The cost reports: the pricer of alternative routings over the configured prices and models.</summary>
    public static IServiceCollection AddCostReports(this IServiceCollection services)
    {
        services.TryAddSingleton<TierPrices>();
        services.TryAddSingleton<CounterfactualPricer>();
        services.TryAddSingleton<CostReports>();
        return services;
    }
}
