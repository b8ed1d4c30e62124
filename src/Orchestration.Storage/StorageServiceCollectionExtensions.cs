using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orchestration.Storage.Admin;
using Orchestration.Storage.ApiKeys;
using Orchestration.Storage.Budget;
using Orchestration.Storage.Checkpoints;
using Orchestration.Storage.Cluster;
using Orchestration.Storage.Events;
using Orchestration.Storage.Execution;
using Orchestration.Storage.Execution.Postgres;
using Orchestration.Storage.Identities;
using Orchestration.Storage.Knowledge;
using Orchestration.Storage.Migrations;
using Orchestration.Storage.Notifications;
using Orchestration.Storage.Plans;
using Orchestration.Storage.Postgres;
using Orchestration.Storage.Projects;
using Orchestration.Storage.Schema;
using Orchestration.Storage.Spend;
using Orchestration.Storage.Sqlite;
using Orchestration.Storage.Tasks;
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
        services.TryAddSingleton(_ => NodeIdentity.New());
        services.TryAddSingleton<INodeRegistry>(sp => new NodeRegistry(sp.GetRequiredService<SqliteDatabase>(), shared: false));
        services.TryAddSingleton<Migrator>();
        services.TryAddSingleton<IDatabaseSchema, SqliteDatabaseSchema>();
        services.TryAddSingleton<IUserStore, SqliteUserStore>();
        services.TryAddSingleton<IRefreshTokenStore, SqliteRefreshTokenStore>();
        services.TryAddSingleton<IProjectStore, SqliteProjectStore>();
        services.TryAddSingleton<IApiKeyStore, SqliteApiKeyStore>();
        services.TryAddSingleton<IIdentityStore, SqliteIdentityStore>();
        services.TryAddSingleton<IAdminStatsStore, SqliteAdminStatsStore>();
        services.TryAddSingleton<IProjectTransferStore, SqliteProjectTransferStore>();
        services.TryAddSingleton<INotificationStore>(sp => new NotificationStore(sp.GetRequiredService<SqliteDatabase>(), skipLocked: false));
        services.TryAddSingleton<IExpiredWaitStore>(sp => new ExpiredWaitStore(sp.GetRequiredService<SqliteDatabase>()));
        services.AddSqlitePlanningStorage();
        services.AddExecutionStorage();
        services.AddBudgetStorage();
        services.AddUsageStorage();
        services.TryAddSingleton<ISpendStore>(sp => new SpendStore(sp.GetRequiredService<SqliteDatabase>()));
        services.TryAddSingleton<IForecastHistoryStore>(sp => new ForecastHistoryStore(sp.GetRequiredService<SqliteDatabase>()));
        return services;
    }

    /// <summary>
    /// Registers the PostgreSQL storage on the database named by <paramref name="connectionString"/> (an Npgsql connection
    /// string; the database must exist): the migrator (<see cref="IDatabaseSchema"/>, which the host runs at start) and
    /// the same stores as <see cref="AddSqliteStorage"/>, the execution primitives included. Several servers may share
    /// the database.
    /// </summary>
    public static IServiceCollection AddPostgresStorage(this IServiceCollection services, string connectionString)
    {
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        // Built by the container, so that its connection pool closes when the host is disposed.
        services.TryAddSingleton(_ => NodeIdentity.New());
        services.TryAddSingleton(sp => new PostgresDatabase(connectionString, sp.GetRequiredService<NodeIdentity>().Id));
        services.TryAddSingleton<INodeRegistry>(sp => new NodeRegistry(sp.GetRequiredService<PostgresDatabase>(), shared: true));
        services.TryAddSingleton<IEventFeed, PostgresEventFeed>();
        services.TryAddSingleton<IProtectionKeyStore, PostgresProtectionKeyStore>();
        services.TryAddSingleton<PostgresMigrator>();
        services.TryAddSingleton<IDatabaseSchema, PostgresDatabaseSchema>();
        services.TryAddSingleton<IUserStore, PostgresUserStore>();
        services.TryAddSingleton<IRefreshTokenStore, PostgresRefreshTokenStore>();
        services.TryAddSingleton<IProjectStore, PostgresProjectStore>();
        services.TryAddSingleton<IApiKeyStore, PostgresApiKeyStore>();
        services.TryAddSingleton<IIdentityStore, PostgresIdentityStore>();
        services.TryAddSingleton<IAdminStatsStore, PostgresAdminStatsStore>();
        services.TryAddSingleton<IProjectTransferStore, PostgresProjectTransferStore>();
        services.TryAddSingleton<INotificationStore>(sp => new NotificationStore(sp.GetRequiredService<PostgresDatabase>(), skipLocked: true));
        services.TryAddSingleton<IExpiredWaitStore>(sp => new ExpiredWaitStore(sp.GetRequiredService<PostgresDatabase>()));
        services.TryAddSingleton<IPlanStore, PostgresPlanStore>();
        services.TryAddSingleton<ITaskReadStore, PostgresTaskReadStore>();
        services.TryAddSingleton<IEventStore, PostgresEventStore>();
        services.TryAddSingleton<IExecutionDatabase, PostgresExecutionDatabase>();
        services.TryAddSingleton<ICheckpointStore, PostgresCheckpointStore>();
        services.TryAddSingleton<IKnowledgeStore, PostgresKnowledgeStore>();
        services.TryAddSingleton<IBudgetStore, PostgresBudgetStore>();
        services.TryAddSingleton<IUsageStore, PostgresUsageStore>();
        services.TryAddSingleton<ISpendStore>(sp => new SpendStore(sp.GetRequiredService<PostgresDatabase>()));
        services.TryAddSingleton<IForecastHistoryStore>(sp => new ForecastHistoryStore(sp.GetRequiredService<PostgresDatabase>()));
        return services;
    }
}
