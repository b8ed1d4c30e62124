using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orchestration.Engine.Rag;

namespace Orchestration.Engine.Tools.Rag;

public static class RagToolsServiceCollectionExtensions
{
    /// <summary>Offers the knowledge databases to tasks as the search_knowledge and lookup_type tools. Needs
    /// <see cref="IRagSearch"/> (AddRag); without this call those tools are simply not offered.</summary>
    public static IServiceCollection AddRagTools(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITaskTool, SearchKnowledgeTool>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITaskTool, LookupTypeTool>());
        return services;
    }
}
