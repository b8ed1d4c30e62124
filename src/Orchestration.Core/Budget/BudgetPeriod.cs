using System.Globalization;

namespace Orchestration.Core.Budget;

/// <summary>The UTC day and month a moment falls in: the keys of the daily and monthly caps.</summary>
public readonly record struct BudgetPeriod(string Day, string Month)
{
    public static BudgetPeriod At(DateTimeOffset now)
    {
        var utc = now.UtcDateTime;
        return new(utc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), utc.ToString("yyyy-MM", CultureInfo.InvariantCulture));
    }
}
