using Orchestration.Core.Configuration;
using Orchestration.Core.Domain;

namespace Orchestration.Core.Budget;

/// <summary>What is settled and reserved against each cap at one moment, as the budget store reads it; the caps are
/// computed from it here, so every store applies them alike.</summary>
public sealed class BudgetFigures
{
    public long ReservedTotal { get; init; }
    public long ReservedProject { get; init; }
    public long SpentDay { get; init; }
    public long SpentMonth { get; init; }
    public long SpentProject { get; init; }
    /// <summary>The project's own cap from its config (budget.per_project_limit_usd), when it sets one.</summary>
    public double? ProjectLimitUsd { get; init; }
    /// <summary>The project's approved plan, its high forecast and what the project had spent when it was approved
    /// (null without an approved plan).</summary>
    public string? ForecastPlanId { get; init; }
    public long? ForecastHighNanos { get; init; }
    public long? SpentAtApprovalNanos { get; init; }

    /// <summary>The caps that apply: daily and monthly always, the project's when the call belongs to one.</summary>
    public IReadOnlyList<BudgetCap> Caps(BudgetOptions options, BudgetPeriod period, string? projectId)
    {
        var caps = new List<BudgetCap>(3)
        {
            new(BudgetScope.Daily, period.Day, Money.ToNanos(options.DailyLimitUsd), SpentDay, ReservedTotal, "budget.daily_limit_usd"),
            new(BudgetScope.Monthly, period.Month, Money.ToNanos(options.MonthlyLimitUsd), SpentMonth, ReservedTotal, "budget.monthly_limit_usd"),
        };
        if (projectId is not null)
        {
            var (limit, key) = ProjectLimitUsd is { } own
                ? (OwnLimitNanos(own), "the project's config budget.per_project_limit_usd")
                : (Money.ToNanos(options.PerProjectLimitUsd), "budget.per_project_limit_usd");
            caps.Add(new(BudgetScope.Project, projectId, limit, SpentProject, ReservedProject, key));
        }
        return caps;
    }

    // A project's config is user-written JSON: a negative limit admits nothing, an absurd one is no limit.
    private static long OwnLimitNanos(double usd) => usd switch
    {
        <= 0 or double.NaN => 0,
        >= 1e9 => long.MaxValue / 4,
        _ => Money.ToNanos((decimal)usd),
    };
}
