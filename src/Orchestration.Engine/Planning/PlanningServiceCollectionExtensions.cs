using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orchestration.Core.Configuration;
using Orchestration.Core.Planning;
using Orchestration.Core.Pricing;
using Orchestration.Core.Routing;

namespace Orchestration.Engine.Planning;

public static class PlanningServiceCollectionExtensions
{
    /// <summary>
    /// Planning: <see cref="IPlanner"/>, <see cref="IPlanService"/> and the forecaster. Needs the plan and task stores of
    /// the host's storage, and an <c>IModelGateway</c> (AddModels) to plan.
    /// </summary>
    public static IServiceCollection AddPlanning(this IServiceCollection services, OrchestrationConfig config)
    {
        services.TryAddSingleton(config);
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        services.TryAddSingleton(new ModelRouter(config));
        services.TryAddSingleton(new PriceCalculator(config.ModelPricing));
        services.TryAddSingleton<PlanForecaster>();
        services.TryAddSingleton<IPlanner, Planner>();
        services.TryAddSingleton<IPlanService, PlanService>();
        return services;
    }
}
