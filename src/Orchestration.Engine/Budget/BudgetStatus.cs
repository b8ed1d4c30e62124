namespace Orchestration.Engine.Budget;

/// <summary>Where the global caps stand now (GET /api/usage/budget). Percentages are 0–100 and levels are ok, warning
/// (at budget.warn_at_pct) or exhausted, always of the installation's caps: they say whether work can run. The amounts
/// are the installation's for an administrator (<paramref name="Scope"/> installation) and the caller's own otherwise
/// (own): other users' spend is not theirs to see.</summary>
public sealed record BudgetStatus(
    decimal DailySpentUsd,
    decimal DailyLimitUsd,
    double DailyPct,
    decimal MonthlySpentUsd,
    decimal MonthlyLimitUsd,
    double MonthlyPct,
    decimal ReservedUsd,
    string Scope,
    string DailyLevel,
    string MonthlyLevel)
{
    public const string Installation = "installation";
    public const string Own = "own";
}
