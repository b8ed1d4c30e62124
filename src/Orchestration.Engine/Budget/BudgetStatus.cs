namespace Orchestration.Engine.Budget;

/// <summary>Where the global caps stand now (api.md GET /api/usage/budget). Percentages are 0–100.</summary>
public sealed record BudgetStatus(
    decimal DailySpentUsd,
    decimal DailyLimitUsd,
    double DailyPct,
    decimal MonthlySpentUsd,
    decimal MonthlyLimitUsd,
    double MonthlyPct,
    decimal ReservedUsd);
