using Orchestration.Core.Budget;
using Orchestration.Core.Configuration;
using Orchestration.Core.Domain;
using Orchestration.Storage.Budget;

namespace Orchestration.Engine.Budget;

internal sealed class BudgetStatusReader(IBudgetStore store, BudgetOptions budget, TimeProvider time) : IBudgetStatusReader
{
    public async Task<BudgetStatus> GetAsync(CancellationToken cancellationToken)
    {
        var figures = await store.ReadFiguresAsync(BudgetPeriod.At(time.GetUtcNow()), cancellationToken);
        return new BudgetStatus(
            Money.FromNanos(figures.SpentDay), budget.DailyLimitUsd, Pct(figures.SpentDay, budget.DailyLimitUsd),
            Money.FromNanos(figures.SpentMonth), budget.MonthlyLimitUsd, Pct(figures.SpentMonth, budget.MonthlyLimitUsd),
            Money.FromNanos(figures.ReservedTotal));
    }

    // A cap of zero admits nothing: any spend against it is fully used.
    private static double Pct(long spentNanos, decimal limitUsd) =>
        limitUsd > 0 ? Math.Round((double)(Money.FromNanos(spentNanos) / limitUsd * 100m), 2) : spentNanos > 0 ? 100 : 0;
}
