namespace Orchestration.Server.Spend;

/// <summary>A routing table to price a run under: the shape of <c>routing</c> in config.json (task type → complexity →
/// tier, and the tier of anything the table does not list). Other keys of the config section are ignored.</summary>
public sealed record RoutingTableDto(Dictionary<string, Dictionary<string, string>>? Table, string? DefaultTier);

/// <summary>GET/POST /api/projects/{id}/runs/{run}/cost-report and GET /api/admin/cost-report (docs/spend.md).
/// <see cref="Run"/> is null for a period's report, <see cref="From"/> and <see cref="To"/> for a run's.</summary>
public sealed record CostReportDto(
    string? ProjectId, long? Run, string? From, string? To,
    double ActualUsd, double RepricedUsd, double FixedUsd, int Calls, int RepricedCalls,
    CacheShareDto Cache, List<ScenarioCostDto> Scenarios, string Note);

public sealed record CacheShareDto(long PromptTokens, long CacheReadTokens, long CacheWriteTokens, double CacheReadShare);

/// <summary>saving_usd is the alternative's total minus the actual spend (positive: the actual run was cheaper);
/// saving_pct is that share of the alternative, null when the alternative costs nothing.</summary>
public sealed record ScenarioCostDto(string Name, double TotalUsd, double SavingUsd, double? SavingPct, List<TaskCostDifferenceDto> Drivers);

public sealed record TaskCostDifferenceDto(
    string TaskId, string Title, string Tier, string ScenarioTier, int Calls, double ActualUsd, double ScenarioUsd, double DifferenceUsd);

/// <summary>inside_share is null until a run has finished.</summary>
public sealed record ForecastAccuracyDto(int Runs, int Inside, int Below, int Above, double? InsideShare, CalibrationDto Calibration,
    List<RunForecastDto> RecentRuns);

/// <summary>One finished run: its project, its plan's forecast range and what it spent; outcome is below, inside or above.</summary>
public sealed record RunForecastDto(string ProjectId, string ProjectName, string PlanId, decimal ForecastLowUsd, decimal ForecastHighUsd,
    decimal ActualUsd, string Outcome);

/// <summary>samples: finished tasks learned from; calibrated_groups: (type, complexity, tier) groups with at least
/// min_samples of them, which use their own figures.</summary>
public sealed record CalibrationDto(int Samples, int CalibratedGroups, int MinSamples);
