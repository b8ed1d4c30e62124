namespace Orchestration.Core.Planning;

/// <summary>The estimated cost range of a plan (docs/api.md, Plans: forecast), per task and in total, in USD.</summary>
public sealed record PlanForecast(decimal TotalUsdLow, decimal TotalUsdHigh, IReadOnlyList<TaskForecast> Tasks)
{
    public static PlanForecast Empty { get; } = new(0m, 0m, []);

    /// <summary>The midpoint of the range: the forecaster estimates a range, not a distribution.</summary>
    public decimal TotalUsdExpected => decimal.Round((TotalUsdLow + TotalUsdHigh) / 2, 6, MidpointRounding.AwayFromZero);
}
