using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Orchestration.Core.Configuration;
using Orchestration.Engine.Cluster;
using Orchestration.Engine.Events;
using Orchestration.Engine.Runs;

namespace Orchestration.Engine.Execution;

public static class ExecutionServiceCollectionExtensions
{
    /// <summary>
    /// The event log and bus (<see cref="IEventPublisher"/>, <see cref="IEventBus"/>) and the executor
    /// (<see cref="IExecutionControl"/>, run as a hosted service) with its task intelligence (AddTaskIntelligence: tools,
    /// verification, knowledge, reviews and checkpoints). Needs the config sections (AddConfigSections), the host's storage
    /// and, to run tasks, an <c>IModelGateway</c> (AddModels).
    /// </summary>
    public static IServiceCollection AddExecution(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        services.AddRunStores();
        services.TryAddSingleton(new EventBusOptions());
        services.TryAddSingleton<IEventBus, EventBus>();
        services.TryAddSingleton<IEventPublisher, EventPublisher>();
        services.AddTaskIntelligence();
        services.TryAddSingleton<ExecutionHooks>();
        services.AddMetrics();
        services.TryAddSingleton<ExecutionTelemetry>();
        services.TryAddSingleton<Core.Routing.ModelRouter>();
        services.TryAddSingleton<TaskRouting>();
        services.TryAddSingleton<TaskLanes>();
        services.TryAddSingleton<TaskAttemptRunner>();
        services.TryAddSingleton<ExecutionEngine>();
        services.TryAddSingleton<IExecutionControl, ExecutionControl>();
        services.TryAddSingleton<IExternalWork, ExternalWork>();
        // The node registers before the executor starts and leaves after it has drained (hosts stop in reverse order).
        services.TryAddSingleton<NodeLiveness>();
        services.AddHostedService<NodeHeartbeat>();
        services.AddHostedService<ExecutionHostedService>();
        services.AddHostedService<ClusterFollower>();
        // Shutdown must outlast the executor's grace period, or the host cuts the drain short.
        services.AddOptions<HostOptions>().PostConfigure<ExecutionOptions>((o, execution) =>
        {
            var needed = TimeSpan.FromSeconds(Math.Max(0, execution.ShutdownGraceSeconds) + 15);
            if (o.ShutdownTimeout < needed)
            {
                o.ShutdownTimeout = needed;
            }
        });
        return services;
    }
}
