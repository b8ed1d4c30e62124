using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orchestration.Storage.Checkpoints;
using Orchestration.Storage.Events;
using Orchestration.Storage.Knowledge;

namespace Orchestration.Storage.Execution;

public static class ExecutionStorageServiceCollectionExtensions
{
    /// <summary>Registers the event log, the execution primitives (IExecutionDatabase), checkpoints and project knowledge on the SQLite
    /// database registered by AddSqliteStorage.</summary>
    public static IServiceCollection AddExecutionStorage(this IServiceCollection services)
    {
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        services.TryAddSingleton<IEventStore, SqliteEventStore>();
        services.TryAddSingleton<IExecutionDatabase, Sqlite.SqliteExecutionDatabase>();
        services.TryAddSingleton<ICheckpointStore, SqliteCheckpointStore>();
        services.TryAddSingleton<IKnowledgeStore, SqliteKnowledgeStore>();
        return services;
    }
}
