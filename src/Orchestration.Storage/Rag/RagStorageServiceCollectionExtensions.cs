using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Orchestration.Storage.Rag;

public static class RagStorageServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IRagStore"/> over the given database name → SQLite file path map.
    /// <paramref name="indexDirectory"/> holds the search indexes of external databases (which nothing is written
    /// beside); by default a folder under the system's temp folder.</summary>
    public static IServiceCollection AddRagStorage(this IServiceCollection services, IReadOnlyDictionary<string, string> databases, string? indexDirectory = null)
    {
        services.TryAddSingleton<IRagStore>(new SqliteRagStore(databases, indexDirectory ?? Path.Combine(Path.GetTempPath(), "orch-rag-index")));
        return services;
    }
}
