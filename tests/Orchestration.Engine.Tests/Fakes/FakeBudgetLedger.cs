using System.Collections.Concurrent;
using Orchestration.Engine.Budget;
using Orchestration.Engine.Models;
using Orchestration.Storage.Usage;

namespace Orchestration.Engine.Tests.Fakes;

/// <summary>An in-memory ledger for unit tests: records every reservation, settlement and release; can refuse.</summary>
internal sealed class FakeBudgetLedger : IBudgetLedger
{
    public ConcurrentQueue<(ModelCallContext Context, decimal Amount)> Reserved { get; } = new();
    public ConcurrentQueue<(BudgetReservation Reservation, UsageRecord Usage)> Settled { get; } = new();
    public ConcurrentQueue<(BudgetReservation Reservation, UsageRecord? Usage)> Released { get; } = new();
    public ConcurrentDictionary<string, BudgetReservation> Open { get; } = new();

    /// <summary>When set, reservations above this amount are refused.</summary>
    public decimal? RefuseAbove { get; set; }

    public Task<BudgetReservation> ReserveAsync(ModelCallContext context, decimal worstCaseUsd, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (RefuseAbove is { } cap && worstCaseUsd > cap)
        {
            throw new BudgetExceededException("daily", cap, $"Daily budget of ${cap} would be exceeded.");
        }
        var reservation = new BudgetReservation(Guid.NewGuid().ToString("N"), context.UserId, context.ProjectId, worstCaseUsd);
        Reserved.Enqueue((context, worstCaseUsd));
        Open[reservation.Id] = reservation;
        return Task.FromResult(reservation);
    }

    public Task SettleAsync(BudgetReservation reservation, UsageRecord usage, CancellationToken cancellationToken)
    {
        Assert.True(Open.TryRemove(reservation.Id, out _), "settled a reservation that is not open");
        Settled.Enqueue((reservation, usage));
        return Task.CompletedTask;
    }

    public Task ReleaseAsync(BudgetReservation reservation, UsageRecord? usage, CancellationToken cancellationToken)
    {
        Assert.True(Open.TryRemove(reservation.Id, out _), "released a reservation that is not open");
        Released.Enqueue((reservation, usage));
        return Task.CompletedTask;
    }
}
