using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Orchestration.Engine.Cluster;
using Orchestration.Storage.Cluster;

namespace Orchestration.Engine.Budget;

public static class BudgetServiceCollectionExtensions
{
    /// <summary>
    /// Registers the budget ledger (<see cref="IBudgetLedger"/>), the cap status (<see cref="IBudgetStatusReader"/>)
    /// and the hosted sweep of orphaned and expired reservations. Needs the config sections (AddConfigSections) and the
    /// budget store (<c>IBudgetStore</c>) of the host's storage; budget_warning events go to the registered
    /// IEventPublisher when there is one.
    /// </summary>
    public static IServiceCollection AddBudget(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        // One owner id per process for reservations and task leases alike: the node's.
        services.TryAddSingleton(sp => new BudgetLedgerOptions { InstanceId = sp.GetRequiredService<NodeIdentity>().Id });
        services.TryAddSingleton<NodeLiveness>();
        services.TryAddSingleton<BudgetWarnings>();
        services.TryAddSingleton<IBudgetLedger, BudgetLedger>();
        services.TryAddSingleton<IBudgetStatusReader, BudgetStatusReader>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, BudgetReservationSweeper>());
        return services;
    }
}
