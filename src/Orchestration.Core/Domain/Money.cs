namespace Orchestration.Core.Domain;

/// <summary>
/// Money is exact: amounts are decimal USD in code and whole nano-dollars (10⁻⁹ USD) in storage,
/// so sums in SQL never drift. A price of $0.10 per million tokens is 100 nano-dollars per token.
/// </summary>
public static class Money
{
    public const decimal NanosPerUsd = 1_000_000_000m;

    public static long ToNanos(decimal usd) => (long)decimal.Round(usd * NanosPerUsd, 0, MidpointRounding.AwayFromZero);

    public static decimal FromNanos(long nanos) => nanos / NanosPerUsd;

    /// <summary>For JSON responses: USD as a double, rounded to 9 decimals.</summary>
    public static double ToJson(long nanos) => (double)FromNanos(nanos);
}
