using Orchestration.Core.Domain;
using Orchestration.Engine.Usage;

namespace Orchestration.Engine.Budget;

internal sealed partial class SqliteBudgetLedger
{
    public Task SettleAsync(BudgetReservation reservation, UsageRecord usage, CancellationToken cancellationToken) =>
        CloseAsync(reservation, usage, cancellationToken);

    public Task ReleaseAsync(BudgetReservation reservation, UsageRecord? usage, CancellationToken cancellationToken) =>
        CloseAsync(reservation, usage, cancellationToken);

    /// <summary>Deletes the reservation and, when given, writes the usage row and adds its cost to the spend
    /// counters, in one transaction; then warns the project when a cap crossed warn_at_pct.</summary>
    private async Task CloseAsync(BudgetReservation reservation, UsageRecord? usage, CancellationToken cancellationToken)
    {
        var cost = usage is null ? 0 : Money.ToNanos(usage.CostUsd);
        ArgumentOutOfRangeException.ThrowIfNegative(cost);
        var now = time.GetUtcNow();
        var period = BudgetPeriod.At(now);

        var figures = await WriteAsync(sql =>
        {
            sql.DeleteReservation(reservation.Id);
            if (usage is null || sql.InsertUsage(reservation.Id, now.ToEpoch(), usage, cost) == 0 || cost == 0)
            {
                return null;
            }
            sql.AddToTotals(period, usage.ProjectId, cost);
            return usage.ProjectId is null ? null : sql.ReadFigures(period, usage.ProjectId);
        }, cancellationToken);

        if (figures is not null)
        {
            await warnings.OnSettledAsync(usage!.ProjectId!, figures.Caps(budget, period, usage.ProjectId), cancellationToken);
        }
    }
}
