namespace Orchestration.Core.Planning;

/// <summary>How often the actual spend of finished runs fell inside their forecast range (ends included).</summary>
public sealed record ForecastAccuracy(int Runs, int Inside, int Below, int Above)
{
    /// <summary>Inside / runs; null before any run has finished.</summary>
    public double? InsideShare => Runs == 0 ? null : (double)Inside / Runs;

    public static ForecastAccuracy Of(IEnumerable<(decimal Low, decimal High, decimal Actual)> runs)
    {
        int count = 0, inside = 0, below = 0, above = 0;
        foreach (var (low, high, actual) in runs)
        {
            count++;
            switch (OutcomeOf(low, high, actual))
            {
                case "below": below++; break;
                case "above": above++; break;
                default: inside++; break;
            }
        }
        return new ForecastAccuracy(count, inside, below, above);
    }

    /// <summary>Where one run's actual spend fell: <c>below</c>, <c>inside</c> or <c>above</c> its forecast range.</summary>
    public static string OutcomeOf(decimal low, decimal high, decimal actual) =>
        actual < low ? "below" : actual > high ? "above" : "inside";
}
