using Orchestration.Engine.Models;
using Orchestration.Engine.Usage;

namespace Orchestration.Engine.Budget;

/// <summary>Reserve-then-settle accounting of model spend against the daily, monthly and per-project caps.</summary>
public interface IBudgetLedger
{
    /// <summary>Atomically checks settled + reserved + amount against daily, monthly and per-project caps; inserts the
    /// reservation or throws <see cref="BudgetExceededException"/> (nothing reserved).</summary>
    Task<BudgetReservation> ReserveAsync(ModelCallContext context, decimal worstCaseUsd, CancellationToken cancellationToken);

    /// <summary>In one transaction: deletes the reservation and writes the usage row with its real cost.</summary>
    Task SettleAsync(BudgetReservation reservation, UsageRecord usage, CancellationToken cancellationToken);

    /// <summary>Deletes the reservation; writes the usage row too when one is given (a failed call that still used tokens).</summary>
    Task ReleaseAsync(BudgetReservation reservation, UsageRecord? usage, CancellationToken cancellationToken);
}
