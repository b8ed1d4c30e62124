using Orchestration.Core.Budget;
using Orchestration.Core.Configuration;
using Orchestration.Core.Domain;
using Orchestration.Storage.Budget;

namespace Orchestration.Engine.Budget;

internal sealed class BudgetStatusReader(IBudgetStore store, BudgetOptions budget, TimeProvider time) : IBudgetStatusReader
{
    public async Task<BudgetStatus> GetAsync(string? userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var figures = await store.ReadFiguresAsync(BudgetPeriod.At(now), null, cancellationToken);
        var (dailyPct, monthlyPct) = (Pct(figures.SpentDay, budget.DailyLimitUsd), Pct(figures.SpentMonth, budget.MonthlyLimitUsd));
        var (spentDay, spentMonth, reserved, scope) = (figures.SpentDay, figures.SpentMonth, figures.ReservedTotal, BudgetStatus.Installation);
        if (userId is not null)
        {
            var day = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
            var month = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
            (spentDay, spentMonth, reserved) = await store.ReadOwnAsync(userId, day.ToEpoch(), month.ToEpoch(), cancellationToken);
            scope = BudgetStatus.Own;
            // Whole percentages: enough to tell how much room is left, not a reading of everyone's spend.
            (dailyPct, monthlyPct) = (Math.Round(dailyPct), Math.Round(monthlyPct));
        }
        return new BudgetStatus(
            Money.FromNanos(spentDay), budget.DailyLimitUsd, dailyPct,
            Money.FromNanos(spentMonth), budget.MonthlyLimitUsd, monthlyPct,
            Money.FromNanos(reserved), scope, Level(dailyPct), Level(monthlyPct));
    }

    private string Level(double pct) => pct >= 100 ? "exhausted" : pct >= budget.WarnAtPct ? "warning" : "ok";

    // A cap of zero admits nothing: any spend against it is fully used.
    private static double Pct(long spentNanos, decimal limitUsd) =>
        limitUsd > 0 ? Math.Round((double)(Money.FromNanos(spentNanos) / limitUsd * 100m), 2) : spentNanos > 0 ? 100 : 0;
}
