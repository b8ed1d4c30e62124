using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orchestration.Storage.Checkpoints;
using Orchestration.Storage.Events;
using Orchestration.Storage.Knowledge;

namespace Orchestration.Storage.Execution;

public static class ExecutionStorageServiceCollectionExtensions
{
    /// <summary>Registers the event log, the execution and review stores, checkpoints and project knowledge on the SQLite
    /// database registered by AddSqliteStorage.</summary>
    public static IServiceCollection AddExecutionStorage(this IServiceCollection services)
    {
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        services.TryAddSingleton<IEventStore, SqliteEventStore>();
        services.TryAddSingleton<SqliteExecutionStore>();
        services.TryAddSingleton<IExecutionStore>(sp => sp.GetRequiredService<SqliteExecutionStore>());
        services.TryAddSingleton<IReviewStore>(sp => sp.GetRequiredService<SqliteExecutionStore>());
        services.TryAddSingleton<ICheckpointStore, SqliteCheckpointStore>();
        services.TryAddSingleton<IKnowledgeStore, SqliteKnowledgeStore>();
        return services;
    }
}
