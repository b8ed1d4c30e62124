using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Orchestration.Storage.Usage;

public static class UsageStorageServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IUsageStore"/> on the SQLite database registered by AddSqliteStorage.</summary>
    public static IServiceCollection AddUsageStorage(this IServiceCollection services)
    {
        services.TryAddSingleton<IUsageStore, SqliteUsageStore>();
        return services;
    }
}
