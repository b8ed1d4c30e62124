using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Orchestration.Storage.Rag;

public static class RagStorageServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IRagStore"/> over the given database name → SQLite file path map.</summary>
    public static IServiceCollection AddRagStorage(this IServiceCollection services, IReadOnlyDictionary<string, string> databases)
    {
        services.TryAddSingleton<IRagStore>(new SqliteRagStore(databases));
        return services;
    }
}
