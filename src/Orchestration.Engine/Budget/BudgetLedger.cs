using Orchestration.Core.Budget;
using Orchestration.Core.Configuration;
using Orchestration.Core.Domain;
using Orchestration.Engine.Models;
using Orchestration.Storage.Budget;
using Orchestration.Storage.Usage;

namespace Orchestration.Engine.Budget;

/// <summary>
/// The ledger: holds each call's worst case under a lease of this process instance, has the store check the caps
/// and hold the amount in one atomic step, turns a refusal into <see cref="BudgetExceededException"/>, and warns the
/// project when a cap is refused or crosses warn_at_pct.
/// </summary>
internal sealed class BudgetLedger(
    IBudgetStore store,
    BudgetOptions budget,
    BudgetLedgerOptions options,
    BudgetWarnings warnings,
    TimeProvider time) : IBudgetLedger
{
    public async Task<BudgetReservation> ReserveAsync(ModelCallContext context, decimal worstCaseUsd, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(worstCaseUsd);
        var id = Ids.New();
        var amount = Money.ToNanos(worstCaseUsd);
        if (amount == 0)
        {
            // A free call holds nothing, so no cap can refuse it (Ollama-only work continues when paid caps are spent).
            return new BudgetReservation(id, context.UserId, context.ProjectId, 0m);
        }

        var now = time.GetUtcNow();
        var period = BudgetPeriod.At(now);
        var reservation = new NewBudgetReservation(
            id, context.UserId, context.ProjectId, amount, now.ToEpoch(), options.InstanceId, (now + options.Lease).ToEpoch());
        var refusal = await store.ReserveAsync(
            reservation, period, figures => figures.Caps(budget, period, context.ProjectId).FirstOrDefault(cap => !cap.Admits(amount)),
            cancellationToken);

        if (refusal is not null)
        {
            var message = refusal.RefusalMessage(amount);
            if (context.ProjectId is not null)
            {
                await warnings.OnRefusedAsync(context.ProjectId, refusal, amount, message, cancellationToken);
            }
            throw new BudgetExceededException(refusal.Scope, Money.FromNanos(refusal.LimitNanos), message);
        }
        return new BudgetReservation(id, context.UserId, context.ProjectId, Money.FromNanos(amount));
    }

    public Task SettleAsync(BudgetReservation reservation, UsageRecord usage, CancellationToken cancellationToken) =>
        CloseAsync(reservation, usage, cancellationToken);

    public Task ReleaseAsync(BudgetReservation reservation, UsageRecord? usage, CancellationToken cancellationToken) =>
        CloseAsync(reservation, usage, cancellationToken);

    /// <summary>Deletes the reservation and, when given, writes the usage row and adds its cost to the spend
    /// counters, in one transaction; then warns the project when a cap crossed warn_at_pct.</summary>
    private async Task CloseAsync(BudgetReservation reservation, UsageRecord? usage, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(usage is null ? 0 : Money.ToNanos(usage.CostUsd));
        var now = time.GetUtcNow();
        var period = BudgetPeriod.At(now);

        var figures = await store.CloseAsync(reservation.Id, usage, period, now.ToEpoch(), cancellationToken);

        if (figures is not null)
        {
            await warnings.OnSettledAsync(usage!.ProjectId!, figures.Caps(budget, period, usage.ProjectId), cancellationToken);
            await warnings.OnForecastAsync(usage.ProjectId!, figures, cancellationToken);
        }
    }
}
