using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Orchestration.Storage.Budget;

public static class BudgetStorageServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IBudgetStore"/> on the SQLite database registered by AddSqliteStorage.</summary>
    public static IServiceCollection AddBudgetStorage(this IServiceCollection services)
    {
        services.TryAddSingleton<IBudgetStore, SqliteBudgetStore>();
        return services;
    }
}
