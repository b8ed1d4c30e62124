using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Orchestration.Core.Configuration;
using Orchestration.Engine.Events;
using Orchestration.Engine.Runs;

namespace Orchestration.Engine.Execution;

public static class ExecutionServiceCollectionExtensions
{
    /// <summary>
    /// The event log and bus (<see cref="IEventPublisher"/>, <see cref="IEventBus"/>) and the executor
    /// (<see cref="IExecutionControl"/>, run as a hosted service) with its task intelligence (AddTaskIntelligence: tools,
    /// verification, knowledge, reviews and checkpoints). Needs the host's storage and, to run tasks, an
    /// <c>IModelGateway</c> (AddModels).
    /// </summary>
    public static IServiceCollection AddExecution(this IServiceCollection services, OrchestrationConfig config)
    {
        services.TryAddSingleton(config);
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        services.AddRunStores();
        services.TryAddSingleton(new EventBusOptions());
        services.TryAddSingleton<IEventBus, EventBus>();
        services.TryAddSingleton<IEventPublisher, EventPublisher>();
        services.AddTaskIntelligence(config);
        services.TryAddSingleton<ExecutionHooks>();
        services.AddMetrics();
        services.TryAddSingleton<ExecutionTelemetry>();
        services.TryAddSingleton(new Core.Routing.ModelRouter(config));
        services.TryAddSingleton<TaskRouting>();
        services.TryAddSingleton<TaskLanes>();
        services.TryAddSingleton<TaskAttemptRunner>();
        services.TryAddSingleton<ExecutionEngine>();
        services.TryAddSingleton<IExecutionControl, ExecutionControl>();
        services.TryAddSingleton<IExternalWork, ExternalWork>();
        services.AddHostedService<ExecutionHostedService>();
        // Shutdown must outlast the executor's grace period, or the host cuts the drain short.
        services.PostConfigure<HostOptions>(o =>
        {
            var needed = TimeSpan.FromSeconds(Math.Max(0, config.Execution.ShutdownGraceSeconds) + 15);
            if (o.ShutdownTimeout < needed)
            {
                o.ShutdownTimeout = needed;
            }
        });
        return services;
    }
}
