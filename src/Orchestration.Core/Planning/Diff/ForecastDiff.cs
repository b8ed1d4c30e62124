namespace Orchestration.Core.Planning.Diff;

/// <summary>The forecasts of both plans; <see cref="Delta"/> is after minus before.</summary>
public sealed record ForecastDiff(ForecastSummary Before, ForecastSummary After, ForecastSummary Delta);
