using Orchestration.Core.Budget;
using Orchestration.Storage.Usage;

namespace Orchestration.Storage.Budget;

/// <summary>
/// Where the budget ledger keeps reservations, usage rows and the spend counters. Each method is one atomic step;
/// which cap admits what is the caller's to say (<see cref="BudgetFigures.Caps"/>), the store only guarantees that
/// nobody else writes between reading the figures and holding the amount.
/// </summary>
public interface IBudgetStore
{
    /// <summary>
    /// In one write transaction: reads what is settled in <paramref name="period"/> and reserved (overall and on the
    /// reservation's project), asks <paramref name="refusal"/> which cap, if any, refuses the amount, and inserts the
    /// reservation only when none does.
    /// </summary>
    /// <returns>The refusing cap (nothing was reserved), or null once the reservation is held.</returns>
    Task<BudgetCap?> ReserveAsync(
        NewBudgetReservation reservation, BudgetPeriod period, Func<BudgetFigures, BudgetCap?> refusal, CancellationToken cancellationToken);

    /// <summary>
    /// In one write transaction: deletes the reservation and, when <paramref name="usage"/> is given, writes its row
    /// under the reservation's id at <paramref name="now"/> (epoch seconds) and adds its cost to the counters of
    /// <paramref name="period"/> and of its project. Closing the same reservation again writes nothing more.
    /// </summary>
    /// <returns>The figures of the usage's project after the spend moved, or null when nothing was spent on a project.</returns>
    Task<BudgetFigures?> CloseAsync(
        string reservationId, UsageRecord? usage, BudgetPeriod period, double now, CancellationToken cancellationToken);

    /// <summary>What is settled in <paramref name="period"/> and reserved overall, and on <paramref name="projectId"/> when
    /// given, read outside any write.</summary>
    Task<BudgetFigures> ReadFiguresAsync(BudgetPeriod period, string? projectId, CancellationToken cancellationToken);

    /// <summary>One user's own spend since <paramref name="dayStart"/> and <paramref name="monthStart"/> (epoch seconds) and
    /// what their calls in flight hold, in nano-dollars.</summary>
    Task<(long SpentDay, long SpentMonth, long Reserved)> ReadOwnAsync(string userId, double dayStart, double monthStart, CancellationToken cancellationToken);

    /// <summary>Deletes every reservation held by an owner other than <paramref name="owner"/> that is not a live node
    /// (one in cluster_nodes with a heartbeat at or after <paramref name="liveSince"/>, epoch seconds): the holds of a
    /// process that died, on this server or on any node sharing the database.</summary>
    /// <returns>How many were released.</returns>
    Task<int> ReleaseOrphansAsync(string owner, double liveSince, CancellationToken cancellationToken);

    /// <summary>Deletes every reservation whose lease ran out at <paramref name="now"/> (epoch seconds), whoever holds it.</summary>
    /// <returns>How many were released.</returns>
    Task<int> ReleaseExpiredAsync(double now, CancellationToken cancellationToken);
}
