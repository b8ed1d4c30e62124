using Orchestration.Engine.Models;
using Orchestration.Storage.Usage;

namespace Orchestration.Engine.Budget;

/// <summary>
/// The hard budget: every paid model call reserves its worst-case cost first and settles to its real cost after,
/// so that settled + reserved never exceeds the daily, monthly or per-project cap, whatever the concurrency.
/// </summary>
public interface IBudgetLedger
{
    /// <summary>
    /// Atomically checks settled + reserved + <paramref name="worstCaseUsd"/> against the daily, monthly and
    /// per-project caps and inserts the reservation, or throws <see cref="BudgetExceededException"/> (nothing
    /// reserved). A free call (amount 0, e.g. Ollama) is never refused.
    /// </summary>
    Task<BudgetReservation> ReserveAsync(ModelCallContext context, decimal worstCaseUsd, CancellationToken cancellationToken);

    /// <summary>In one transaction: deletes the reservation and writes the usage row with its real cost.</summary>
    Task SettleAsync(BudgetReservation reservation, UsageRecord usage, CancellationToken cancellationToken);

    /// <summary>Deletes the reservation; writes the usage row too when one is given (a failed call that still used tokens).</summary>
    Task ReleaseAsync(BudgetReservation reservation, UsageRecord? usage, CancellationToken cancellationToken);
}
