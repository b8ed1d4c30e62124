using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orchestration.Storage.Events;

namespace Orchestration.Storage.Execution;

public static class ExecutionStorageServiceCollectionExtensions
{
    /// <summary>Registers the event log and the execution store on the SQLite database registered by AddSqliteStorage.</summary>
    public static IServiceCollection AddExecutionStorage(this IServiceCollection services)
    {
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        services.TryAddSingleton<IEventStore, SqliteEventStore>();
        services.TryAddSingleton<IExecutionStore, SqliteExecutionStore>();
        return services;
    }
}
