using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orchestration.Core.Planning;
using Orchestration.Core.Routing;

namespace Orchestration.Engine.Planning;

public static class PlanningServiceCollectionExtensions
{
    /// <summary>
    /// Planning: <see cref="IPlanner"/>, <see cref="IPlanService"/> and the forecaster. Needs the config sections
    /// (AddConfigSections), the plan and task stores of the host's storage, an <c>IModelGateway</c> (AddModels) to plan,
    /// and the executor (AddExecution: re-planning holds and releases a running project and publishes its events).
    /// </summary>
    public static IServiceCollection AddPlanning(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        services.TryAddSingleton<ModelRouter>();
        services.TryAddSingleton<PlanForecaster>();
        services.TryAddSingleton<ForecastCalibrations>();
        services.TryAddSingleton<IPlanner, Planner>();
        services.TryAddSingleton<IPlanService, PlanService>();
        return services;
    }
}
