using Orchestration.Core.Domain;

namespace Orchestration.Core.Budget;

/// <summary>One cap with what counts against it.</summary>
/// <param name="ConfigKey">Where the limit comes from, named in refusal messages so the user knows what to raise.</param>
public sealed record BudgetCap(string Scope, string Period, long LimitNanos, long SpentNanos, long ReservedNanos, string ConfigKey)
{
    public bool Admits(long amountNanos) => SpentNanos + ReservedNanos + amountNanos <= LimitNanos;

    public string Label => Scope switch
    {
        BudgetScope.Daily => "Daily",
        BudgetScope.Monthly => "Monthly",
        _ => "Project",
    };

    public string Window => Scope switch
    {
        BudgetScope.Daily => "today (UTC)",
        BudgetScope.Monthly => "this month (UTC)",
        _ => "on this project",
    };

    public string RefusalMessage(long amountNanos) =>
        $"{Label} budget exhausted: {Usd(SpentNanos)} of {Usd(LimitNanos)} spent {Window}, {Usd(ReservedNanos)} reserved by calls "
        + $"in flight, and this call needs up to {Usd(amountNanos)}. Raise {ConfigKey} to continue.";

    public static string Usd(long nanos) => "$" + Money.FromNanos(nanos).ToString("0.00####", System.Globalization.CultureInfo.InvariantCulture);
}
