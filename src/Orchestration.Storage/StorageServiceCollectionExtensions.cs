using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orchestration.Storage.Admin;
using Orchestration.Storage.ApiKeys;
using Orchestration.Storage.Budget;
using Orchestration.Storage.Execution;
using Orchestration.Storage.Identities;
using Orchestration.Storage.Migrations;
using Orchestration.Storage.Plans;
using Orchestration.Storage.Projects;
using Orchestration.Storage.Sqlite;
using Orchestration.Storage.Transfer;
using Orchestration.Storage.Usage;
using Orchestration.Storage.Users;

namespace Orchestration.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the SQLite storage on the file at <paramref name="databasePath"/>: the migrator and every store of the
    /// database (users, projects, plans and tasks, execution, events, checkpoints, knowledge, budget, usage). The host
    /// chooses the backend; the engine only asks for the store interfaces.
    /// </summary>
    public static IServiceCollection AddSqliteStorage(this IServiceCollection services, string databasePath)
    {
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        services.TryAddSingleton(new SqliteDatabase(databasePath));
        services.TryAddSingleton<Migrator>();
        services.TryAddSingleton<IUserStore, SqliteUserStore>();
        services.TryAddSingleton<IRefreshTokenStore, SqliteRefreshTokenStore>();
        services.TryAddSingleton<IProjectStore, SqliteProjectStore>();
        services.TryAddSingleton<IApiKeyStore, SqliteApiKeyStore>();
        services.TryAddSingleton<IIdentityStore, SqliteIdentityStore>();
        services.TryAddSingleton<IAdminStatsStore, SqliteAdminStatsStore>();
        services.TryAddSingleton<IProjectTransferStore, SqliteProjectTransferStore>();
        services.AddSqlitePlanningStorage();
        services.AddExecutionStorage();
        services.AddBudgetStorage();
        services.AddUsageStorage();
        return services;
    }
}
