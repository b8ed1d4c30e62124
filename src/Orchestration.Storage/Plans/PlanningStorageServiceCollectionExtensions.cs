using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orchestration.Storage.Tasks;

namespace Orchestration.Storage.Plans;

public static class PlanningStorageServiceCollectionExtensions
{
    /// <summary>Plan versions and the task read/edit store on the SQLite database registered by AddSqliteStorage.</summary>
    public static IServiceCollection AddSqlitePlanningStorage(this IServiceCollection services)
    {
        services.TryAddSingleton<IPlanStore, SqlitePlanStore>();
        services.TryAddSingleton<ITaskReadStore, SqliteTaskReadStore>();
        return services;
    }
}
