using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Orchestration.Engine.Health;

public static class InfrastructureProbes
{
    /// <summary>Adds the `database` and `comfyui_&lt;host&gt;` entries of /api/services (needs the storage services).</summary>
    public static IServiceCollection AddInfrastructureProbes(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IServiceProbe, DatabaseProbe>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IServiceProbe, ComfyUIProbe>());
        return services;
    }
}
