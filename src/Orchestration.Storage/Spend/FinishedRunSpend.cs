namespace Orchestration.Storage.Spend;

/// <summary>An approved plan's stored forecast (JSON) beside what its run spent.</summary>
public sealed record FinishedRunSpend(string PlanId, string ProjectId, string ProjectName, string ForecastJson, long ActualNanos);
