using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Orchestration.Engine.Tools.Media;

public static class MediaToolsServiceCollectionExtensions
{
    /// <summary>Offers the local services to tasks: local_llm (the ollama tier through the model gateway; needs
    /// AddModels) and generate_image (ComfyUI, comfyui.*). Without this call those tools are simply not offered.</summary>
    public static IServiceCollection AddMediaTools(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ComfyUIClient>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITaskTool, LocalLlmTool>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITaskTool, GenerateImageTool>());
        return services;
    }
}
