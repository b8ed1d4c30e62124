namespace Orchestration.Core.Budget;

/// <summary>How far a plan's high forecast goes past the room a cap has left (its limit less what is spent and reserved).</summary>
public sealed record ForecastShortfall(BudgetCap Cap, long ForecastHighNanos, long RoomNanos, long ShortfallNanos)
{
    /// <summary>The cap with the largest shortfall against <paramref name="forecastHighNanos"/>, or null when every cap has
    /// room for it. A free plan (0) fits every cap, as the ledger never refuses a free call.</summary>
    public static ForecastShortfall? Worst(IReadOnlyList<BudgetCap> caps, long forecastHighNanos) =>
        caps.Select(cap =>
            {
                var room = Math.Max(0, cap.LimitNanos - cap.SpentNanos - cap.ReservedNanos);
                return new ForecastShortfall(cap, forecastHighNanos, room, forecastHighNanos - room);
            })
            .Where(s => s.ShortfallNanos > 0)
            .OrderByDescending(s => s.ShortfallNanos)
            .FirstOrDefault();

    public string Message =>
        $"The plan's high cost forecast ({BudgetCap.Usd(ForecastHighNanos)}) does not fit the {Cap.Scope} budget: {BudgetCap.Usd(Cap.SpentNanos)} "
        + $"of {BudgetCap.Usd(Cap.LimitNanos)} spent {Cap.Window} and {BudgetCap.Usd(Cap.ReservedNanos)} reserved leave {BudgetCap.Usd(RoomNanos)}, "
        + $"{BudgetCap.Usd(ShortfallNanos)} short. Raise {Cap.ConfigKey}, simplify the plan or route tasks to cheaper tiers, "
        + "or approve with ?force=true (the caps still stop the run when they are reached).";
}
